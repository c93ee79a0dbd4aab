// Proposed pairs with score, score parts and reasons; approve or reject (with a reason) one by one, approve or
// reject (with one reason) a selection, or swap the mentors of two selected pairs.
import { Alert, Anchor, Button, Checkbox, Group, Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { QueryState } from '@/components/query-state';
import { ReasonList } from '@/components/reason-list';
import { useLabels } from '@/lib/reference';
import { useApproveMatch } from '../api/approve-match';
import { useBulkApprove } from '../api/bulk-approve';
import { useBulkReject } from '../api/bulk-reject';
import { useProposals } from '../api/get-proposals';
import { useRejectMatch } from '../api/reject-match';
import { useSwapMatches } from '../api/swap-matches';

const PAGE = 20;

export function ProposalsTable({ programmeId, onOpenRecord }: { programmeId: string; onOpenRecord?: (profileId: string) => void }) {
  const { t, i18n } = useTranslation();
  const proposals = useProposals(programmeId);
  const approve = useApproveMatch(programmeId);
  const reject = useRejectMatch(programmeId);
  const bulk = useBulkApprove(programmeId);
  const bulkReject = useBulkReject(programmeId);
  const swap = useSwapMatches(programmeId);
  const [reasonMissing, setReasonMissing] = useState(false);
  const sector = useLabels('sectors');
  const goal = useLabels('goals');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // One pair (its id) or the selection (bulk) waiting for the reason of its rejection.
  const [rejecting, setRejecting] = useState<{ ids: string[]; bulk: boolean } | null>(null);
  const [rejectReason, setRejectReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const error = approve.error ?? bulk.error ?? swap.error;
  const rejectError = rejecting?.bulk ? bulkReject.error : reject.error;
  const openReject = (ids: string[], isBulk: boolean) => {
    setRejectReason('');
    setReasonMissing(false);
    reject.reset();
    bulkReject.reset();
    setRejecting({ ids, bulk: isBulk });
  };

  return (
    <QueryState query={proposals} isEmpty={(list) => list.length === 0} empty={t('coordinator.proposals.none')}>
      {(all) => {
        // Long runs give hundreds of pairs: show them a page at a time, best first (the phone stays usable).
        const list = all.slice(0, shown);
        return (
          <Stack>
            <Group>
              <Button
                disabled={selected.size === 0}
                loading={bulk.isPending}
                onClick={() =>
                  bulk.mutate([...selected], {
                    onSuccess: (results) => {
                      const ok = results.filter((r) => r.ok).length;
                      const failed = results.length - ok;
                      setNotice(
                        [t('coordinator.proposals.approvedCount', { count: ok }), failed ? t('coordinator.proposals.failedCount', { count: failed }) : '']
                          .filter(Boolean)
                          .join('. '),
                      );
                      setSelected(new Set());
                    },
                  })
                }
              >
                {t('coordinator.proposals.bulkApprove', { count: selected.size })}
              </Button>
              <Button variant="outline" color="red.9" disabled={selected.size === 0} onClick={() => openReject([...selected], true)}>
                {t('dashboard.proposals.bulkReject', { count: selected.size })}
              </Button>
              <Button
                variant="outline"
                disabled={selected.size !== 2}
                loading={swap.isPending}
                onClick={() => {
                  const [first, second] = [...selected];
                  if (first && second)
                    swap.mutate(
                      { first, second },
                      {
                        onSuccess: () => {
                          setNotice(t('dashboard.proposals.swapped'));
                          setSelected(new Set());
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
            {notice && (
              <Text role="status" aria-live="polite">
                {notice}
              </Text>
            )}
            {error && (
              <Alert color="red.9" role="alert">
                {error.message}
              </Alert>
            )}
            <ScrollArea type="auto">
              <Table withTableBorder withRowBorders verticalSpacing="sm" miw={720}>
                <Table.Caption c="dark">{t('coordinator.proposals.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      <Checkbox
                        aria-label={t('coordinator.proposals.selectAll')}
                        checked={selected.size === list.length && list.length > 0}
                        indeterminate={selected.size > 0 && selected.size < list.length}
                        onChange={(e) => setSelected(e.currentTarget.checked ? new Set(list.map((m) => m.id)) : new Set())}
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
                          checked={selected.has(match.id)}
                          onChange={() => toggle(match.id)}
                        />
                      </Table.Td>
                      <Table.Td>
                        {onOpenRecord ? (
                          <Anchor component="button" type="button" onClick={() => onOpenRecord(match.mentee.profile)}>
                            {match.mentee.full_name || match.mentee.display_name}
                          </Anchor>
                        ) : (
                          match.mentee.full_name || match.mentee.display_name
                        )}
                      </Table.Td>
                      <Table.Td>{match.mentor.full_name || match.mentor.display_name}</Table.Td>
                      <Table.Td>
                        <Text fw={700}>{number.format(match.score ?? 0)}</Text>
                        <Text size="xs" component="div" aria-label={t('coordinator.proposals.parts')}>
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
                            onClick={() => approve.mutate(match.id)}
                            aria-label={`${t('coordinator.proposals.approve')}: ${match.mentee.full_name} – ${match.mentor.full_name}`}
                          >
                            {t('coordinator.proposals.approve')}
                          </Button>
                          <Button
                            size="xs"
                            variant="outline"
                            color="red.9"
                            onClick={() => openReject([match.id], false)}
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
            {all.length > list.length && (
              <Group>
                <Text size="sm">{t('dashboard.proposals.shown', { shown: list.length, total: all.length })}</Text>
                <Button variant="outline" onClick={() => setShown((count) => count + PAGE)}>
                  {t('dashboard.proposals.showMore')}
                </Button>
              </Group>
            )}
            <Modal
              opened={rejecting !== null}
              onClose={() => setRejecting(null)}
              title={rejecting?.bulk ? t('dashboard.proposals.bulkRejectTitle', { count: rejecting.ids.length }) : t('coordinator.proposals.rejectTitle')}
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
                    const [matchId] = rejecting.ids;
                    if (matchId) reject.mutate({ matchId, reason }, { onSuccess: () => setRejecting(null) });
                    return;
                  }
                  bulkReject.mutate(
                    { ids: rejecting.ids, reason },
                    {
                      onSuccess: (results) => {
                        const ok = results.filter((r) => r.ok).length;
                        const failed = results.length - ok;
                        setNotice(
                          [t('dashboard.proposals.rejectedCount', { count: ok }), failed ? t('dashboard.proposals.rejectFailedCount', { count: failed }) : '']
                            .filter(Boolean)
                            .join('. '),
                        );
                        setSelected(new Set());
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
                      {rejecting?.bulk ? t('dashboard.proposals.bulkRejectConfirm', { count: rejecting.ids.length }) : t('coordinator.proposals.reject')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Modal>
          </Stack>
        );
      }}
    </QueryState>
  );
}
