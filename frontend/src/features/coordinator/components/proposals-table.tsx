// Proposed pairs with score, score parts and reasons; approve or reject one by one, or approve a selection.
import { Alert, Button, Checkbox, Group, Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { ReasonList } from '@/components/reason-list';
import { useLabels } from '@/lib/reference';
import { useApproveMatch } from '../api/approve-match';
import { useBulkApprove } from '../api/bulk-approve';
import { useProposals } from '../api/get-proposals';
import { useRejectMatch } from '../api/reject-match';

export function ProposalsTable({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation();
  const proposals = useProposals(programmeId);
  const approve = useApproveMatch(programmeId);
  const reject = useRejectMatch(programmeId);
  const bulk = useBulkApprove(programmeId);
  const sector = useLabels('sectors');
  const goal = useLabels('goals');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [rejectReason, setRejectReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const error = approve.error ?? reject.error ?? bulk.error;

  return (
    <QueryState query={proposals} isEmpty={(list) => list.length === 0} empty={t('coordinator.proposals.none')}>
      {(list) => (
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
          </Group>
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
                    <Table.Td>{match.mentee.full_name || match.mentee.display_name}</Table.Td>
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
                          onClick={() => {
                            setRejectReason('');
                            setRejecting(match.id);
                          }}
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
          <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t('coordinator.proposals.rejectTitle')} centered>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (rejecting && rejectReason.trim())
                  reject.mutate({ matchId: rejecting, reason: rejectReason.trim() }, { onSuccess: () => setRejecting(null) });
              }}
            >
              <Stack>
                <Textarea label={t('coordinator.proposals.rejectReason')} required value={rejectReason} onChange={(e) => setRejectReason(e.currentTarget.value)} data-autofocus />
                <Group justify="flex-end">
                  <Button variant="outline" onClick={() => setRejecting(null)}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" color="red.9" loading={reject.isPending} disabled={!rejectReason.trim()}>
                    {t('coordinator.proposals.reject')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Modal>
        </Stack>
      )}
    </QueryState>
  );
}
