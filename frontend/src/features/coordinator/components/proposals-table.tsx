// Proposed pairs with score, score parts and reasons, a page at a time with the total; approve or reject (with a
// reason) one by one, approve or reject (with one reason) a selection or every proposal on every page, or swap the
// mentors of two selected pairs.
import { Alert, Anchor, Button, Checkbox, Group, Modal, Pagination, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { QueryState } from '@/components/query-state';
import { ReasonList } from '@/components/reason-list';
import { useLabels } from '@/lib/reference';
import { useApproveMatch } from '../api/approve-match';
import { BULK_BY_FILTER_MAX, type BulkTarget, useBulkApprove } from '../api/bulk-approve';
import { useBulkReject } from '../api/bulk-reject';
import { PROPOSALS_PAGE_SIZE, useProposals } from '../api/get-proposals';
import { useRejectMatch } from '../api/reject-match';
import { useSwapMatches } from '../api/swap-matches';

export function ProposalsTable({ programmeId, onOpenRecord }: { programmeId: string; onOpenRecord?: (profileId: string) => void }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const proposals = useProposals(programmeId, page);
  const approve = useApproveMatch(programmeId);
  const reject = useRejectMatch(programmeId);
  const bulk = useBulkApprove(programmeId);
  const bulkReject = useBulkReject(programmeId);
  const swap = useSwapMatches(programmeId);
  const [reasonMissing, setReasonMissing] = useState(false);
  const sector = useLabels('sectors');
  const goal = useLabels('goals');
  // Ticked pairs of the page shown; or, once she chose it, every proposal on every page: the number she was shown
  // is kept and sent, so the server acts on none if the list has changed since (409).
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allProposals, setAllProposals] = useState<number | null>(null);
  // One pair (its id) or the selection (bulk) waiting for the reason of its rejection.
  const [rejecting, setRejecting] = useState<{ target: BulkTarget; count: number; bulk: boolean } | null>(null);
  const [rejectReason, setRejectReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(i18n.language);

  // The server may answer another page than the one asked for (the list shrank): follow it.
  // (Not while the previous page stands in for the one loading.)
  const pageShown = proposals.isPlaceholderData ? undefined : proposals.data?.page;
  useEffect(() => {
    if (pageShown !== undefined && pageShown !== page) setPage(pageShown);
  }, [pageShown, page]);

  const clearSelection = () => {
    setSelected(new Set());
    setAllProposals(null);
  };
  const goTo = (next: number) => {
    clearSelection();
    setPage(next);
  };
  const toggle = (id: string, pageIds: string[]) => {
    if (allProposals !== null) {
      // Unticking one pair while all are selected leaves the rest of this page ticked.
      setAllProposals(null);
      setSelected(new Set(pageIds.filter((other) => other !== id)));
      return;
    }
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const target: BulkTarget = allProposals !== null ? { allProposals } : { ids: [...selected] };
  const targetCount = allProposals ?? selected.size;

  // A bulk action answers 409 only when "all" no longer means the number she saw (the list changed while she
  // looked): nothing was done; say so in her language, and show the list as it is now.
  const stale = (failure: unknown) => failure instanceof ApiError && failure.status === 409;
  const changedMeanwhile = stale(bulk.error) || stale(bulkReject.error) ? new Error(t('dashboard.proposals.changedMeanwhile')) : null;
  const error = approve.error ?? changedMeanwhile ?? bulk.error ?? swap.error;
  const rejectError = rejecting?.bulk ? bulkReject.error : reject.error;
  const openReject = (rejectTarget: BulkTarget, count: number, isBulk: boolean) => {
    setRejectReason('');
    setReasonMissing(false);
    reject.reset();
    bulk.reset();
    bulkReject.reset();
    setRejecting({ target: rejectTarget, count, bulk: isBulk });
  };

  return (
    <Stack>
      {/* Outside the list, so that "260 approved" stays when no proposal is left to show. */}
      {notice && (
        <Text role="status" aria-live="polite">
          {notice}
        </Text>
      )}
      <QueryState query={proposals} isEmpty={(data) => data.count === 0} empty={t('coordinator.proposals.none')}>
        {({ results: list, count: total, page: listed }) => {
          // Long runs give hundreds of pairs: the server sends them a page at a time, best first, with the total.
          // The range is that of the rows on screen (the previous page's while the next one loads).
          const pages = Math.max(1, Math.ceil(total / PROPOSALS_PAGE_SIZE));
          const from = (listed - 1) * PROPOSALS_PAGE_SIZE + 1;
          const pageIds = list.map((m) => m.id);
          const pageAllTicked = allProposals !== null || (list.length > 0 && pageIds.every((id) => selected.has(id)));
          return (
            <Stack>
              <Group>
                <Button
                  disabled={targetCount === 0}
                  loading={bulk.isPending}
                  onClick={() => {
                    bulkReject.reset();
                    bulk.mutate(target, {
                      onSuccess: (results) => {
                        const ok = results.filter((r) => r.ok).length;
                        const failed = results.length - ok;
                        setNotice(
                          [t('coordinator.proposals.approvedCount', { count: ok }), failed ? t('coordinator.proposals.failedCount', { count: failed }) : '']
                            .filter(Boolean)
                            .join('. '),
                        );
                        clearSelection();
                      },
                      onError: (failure) => {
                        if (stale(failure)) clearSelection();
                      },
                    });
                  }}
                >
                  {allProposals !== null
                    ? t('dashboard.proposals.approveAll', { count: allProposals })
                    : t('coordinator.proposals.bulkApprove', { count: selected.size })}
                </Button>
                <Button variant="outline" color="red.9" disabled={targetCount === 0} onClick={() => openReject(target, targetCount, true)}>
                  {allProposals !== null
                    ? t('dashboard.proposals.rejectAll', { count: allProposals })
                    : t('dashboard.proposals.bulkReject', { count: selected.size })}
                </Button>
                <Button
                  variant="outline"
                  disabled={allProposals !== null || selected.size !== 2}
                  loading={swap.isPending}
                  onClick={() => {
                    const [first, second] = [...selected];
                    if (first && second)
                      swap.mutate(
                        { first, second },
                        {
                          onSuccess: () => {
                            setNotice(t('dashboard.proposals.swapped'));
                            clearSelection();
                          },
                        },
                      );
                  }}
                >
                  {t('dashboard.proposals.swap')}
                </Button>
              </Group>
              <Text size="sm" c="dark.6">
                {t('dashboard.proposals.swapHint')}
              </Text>
              {error && (
                <Alert color="red.9" role="alert">
                  {error.message}
                </Alert>
              )}
              {pageAllTicked && total > list.length && (
                <Group gap="xs" data-testid="select-every-page">
                  {allProposals !== null ? (
                    <>
                      <Text size="sm">{t('dashboard.proposals.allSelected', { count: allProposals })}</Text>
                      <Anchor component="button" type="button" size="sm" onClick={clearSelection}>
                        {t('dashboard.proposals.clearSelection')}
                      </Anchor>
                    </>
                  ) : (
                    <>
                      <Text size="sm">{t('dashboard.proposals.pageSelected', { count: list.length })}</Text>
                      {total <= BULK_BY_FILTER_MAX ? (
                        <Anchor component="button" type="button" size="sm" onClick={() => setAllProposals(total)}>
                          {t('dashboard.proposals.selectEveryPage', { count: total })}
                        </Anchor>
                      ) : (
                        <Text size="sm">
                          {t('dashboard.proposals.tooManyForAll', {
                            max: new Intl.NumberFormat(i18n.language).format(BULK_BY_FILTER_MAX),
                          })}
                        </Text>
                      )}
                    </>
                  )}
                </Group>
              )}
              <ScrollArea type="auto">
                <Table withTableBorder withRowBorders verticalSpacing="sm" miw={720}>
                  <Table.Caption c="dark">{t('coordinator.proposals.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>
                        <Checkbox
                          aria-label={t('coordinator.proposals.selectAll')}
                          checked={pageAllTicked}
                          indeterminate={!pageAllTicked && selected.size > 0}
                          onChange={(e) => {
                            setAllProposals(null);
                            setSelected(e.currentTarget.checked ? new Set(pageIds) : new Set());
                          }}
                        />
                      </Table.Th>
                      <Table.Th>{t('coordinator.proposals.mentee')}</Table.Th>
                      <Table.Th>{t('coordinator.proposals.mentor')}</Table.Th>
                      <Table.Th>{t('coordinator.proposals.score')}</Table.Th>
                      <Table.Th>{t('coordinator.proposals.reasons')}</Table.Th>
                      <Table.Th>{t('coordinator.proposals.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((match) => (
                      <Table.Tr key={match.id} data-testid="proposal-row" data-mentee-profile={match.mentee.profile} data-mentor-profile={match.mentor.profile}>
                        <Table.Td>
                          <Checkbox
                            aria-label={t('coordinator.proposals.select', { mentee: match.mentee.full_name, mentor: match.mentor.full_name })}
                            checked={allProposals !== null || selected.has(match.id)}
                            onChange={() => toggle(match.id, pageIds)}
                          />
                        </Table.Td>
                        <Table.Td>
                          {onOpenRecord ? (
                            <Anchor component="button" type="button" onClick={() => onOpenRecord(match.mentee.profile)}>
                              <bdi>{match.mentee.full_name || match.mentee.display_name}</bdi>
                            </Anchor>
                          ) : (
                            <bdi>{match.mentee.full_name || match.mentee.display_name}</bdi>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <bdi>{match.mentor.full_name || match.mentor.display_name}</bdi>
                        </Table.Td>
                        <Table.Td>
                          <Text fw={700}>{number.format(match.score ?? 0)}</Text>
                          <Text size="xs" component="div" role="group" aria-label={t('coordinator.proposals.parts')}>
                            {(match.parts ?? []).map((part) => (
                              <div key={part.name}>
                                {t(`parts.${part.name}`, { defaultValue: part.name })}: {number.format(part.value)}
                              </div>
                            ))}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <ReasonList reasons={match.reasons} labels={{ sector, goal }} />
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              size="xs"
                              loading={approve.isPending && approve.variables === match.id}
                              onClick={() =>
                                approve.mutate(match.id, {
                                  onSuccess: () => setNotice(t('coordinator.proposals.approvedCount', { count: 1 })),
                                })
                              }
                              aria-label={`${t('coordinator.proposals.approve')}: ${match.mentee.full_name} – ${match.mentor.full_name}`}
                            >
                              {t('coordinator.proposals.approve')}
                            </Button>
                            <Button
                              size="xs"
                              variant="outline"
                              color="red.9"
                              onClick={() => openReject({ ids: [match.id] }, 1, false)}
                              aria-label={`${t('coordinator.proposals.reject')}: ${match.mentee.full_name} – ${match.mentor.full_name}`}
                            >
                              {t('coordinator.proposals.reject')}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              <Group justify="space-between">
                <Text size="sm" data-testid="proposals-range" aria-live="polite">
                  {t('dashboard.proposals.range', {
                    from: whole.format(from),
                    to: whole.format(from + list.length - 1),
                    total: whole.format(total),
                  })}
                </Text>
                {pages > 1 && (
                  <nav aria-label={t('dashboard.proposals.pages')}>
                    <Pagination
                      total={pages}
                      value={Math.min(page, pages)}
                      onChange={goTo}
                      withEdges
                      disabled={proposals.isPlaceholderData}
                      getItemProps={(item) => ({
                        'aria-label': t('dashboard.proposals.page', { page: whole.format(item) }),
                        'aria-current': item === page ? 'page' : undefined,
                      })}
                      getControlProps={(control) => ({ 'aria-label': t(`dashboard.proposals.${control}Page`) })}
                    />
                  </nav>
                )}
              </Group>
              <Modal
                opened={rejecting !== null}
                onClose={() => setRejecting(null)}
                title={rejecting?.bulk ? t('dashboard.proposals.bulkRejectTitle', { count: rejecting.count }) : t('coordinator.proposals.rejectTitle')}
                centered
                closeButtonProps={{ 'aria-label': t('common.close') }}
              >
                <form
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (!rejectReason.trim()) {
                      setReasonMissing(true);
                      return;
                    }
                    if (!rejecting) return;
                    const reason = rejectReason.trim();
                    if (!rejecting.bulk) {
                      const [matchId] = 'ids' in rejecting.target ? rejecting.target.ids : [];
                      if (matchId)
                        reject.mutate(
                          { matchId, reason },
                          {
                            onSuccess: () => {
                              setRejecting(null);
                              // Says what just happened, replacing an earlier "2 approved".
                              setNotice(t('dashboard.proposals.rejectedCount', { count: 1 }));
                            },
                          },
                        );
                      return;
                    }
                    bulkReject.mutate(
                      { target: rejecting.target, reason },
                      {
                        onSuccess: (results) => {
                          const ok = results.filter((r) => r.ok).length;
                          const failed = results.length - ok;
                          setNotice(
                            [t('dashboard.proposals.rejectedCount', { count: ok }), failed ? t('dashboard.proposals.rejectFailedCount', { count: failed }) : '']
                              .filter(Boolean)
                              .join('. '),
                          );
                          clearSelection();
                          setRejecting(null);
                        },
                        onError: (failure) => {
                          if (!stale(failure)) return;
                          clearSelection();
                          setRejecting(null);
                        },
                      },
                    );
                  }}
                >
                  <Stack>
                    {rejectError && !(rejectError instanceof ApiError && rejectError.fieldErrors.reason) && (
                      <Alert color="red.9" role="alert">
                        {rejectError.message}
                      </Alert>
                    )}
                    <Textarea
                      label={rejecting?.bulk ? t('dashboard.proposals.bulkRejectReason') : t('coordinator.proposals.rejectReason')}
                      required
                      value={rejectReason}
                      onChange={(e) => {
                        setRejectReason(e.currentTarget.value);
                        setReasonMissing(false);
                      }}
                      error={
                        reasonMissing
                          ? t('dashboard.proposals.reasonRequired')
                          : rejectError instanceof ApiError
                            ? rejectError.fieldErrors.reason
                            : undefined
                      }
                      data-autofocus
                    />
                    <Group justify="flex-end">
                      <Button variant="outline" onClick={() => setRejecting(null)}>
                        {t('common.cancel')}
                      </Button>
                      <Button type="submit" color="red.9" loading={reject.isPending || bulkReject.isPending}>
                        {rejecting?.bulk ? t('dashboard.proposals.bulkRejectConfirm', { count: rejecting.count }) : t('coordinator.proposals.reject')}
                      </Button>
                    </Group>
                  </Stack>
                </form>
              </Modal>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
