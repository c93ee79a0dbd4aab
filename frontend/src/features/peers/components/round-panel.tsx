// One round from the coordinator's side: who takes part, forming the groups with a live progress bar,
// the draft groups to review and move people in, and publishing.
import { Badge, Button, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, QueryState } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { useFormGroups } from '../api/form-groups';
import { optInsQueryKey, useOptIns } from '../api/get-opt-ins';
import { useRound } from '../api/get-round';
import { roundsQueryKey } from '../api/get-rounds';
import { roundGroupsQueryKey, useRoundGroups } from '../api/get-round-groups';
import { usePublishRound } from '../api/publish-round';
import type { PeerReason, Round } from '../api/types';
import { Notice } from './notice';
import { translatePeerReason } from './peer-reasons';
import { RoundGroups } from './round-groups';
import { ScrollTable } from './scroll-table';
import { formatDateTime, formatList } from '@/lib/format';

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Stack>
  );
}

function OptInsSummary({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const optIns = useOptIns(roundId);
  return (
    <QueryState query={optIns}>
      {(data) => (
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 3 }} spacing="sm">
            <Figure label={t('peers.round.members')} value={data.members} />
            <Figure label={t('peers.round.optedIn')} value={data.opted_in} />
            <Figure label={t('peers.round.optedOut')} value={data.opted_out} />
          </SimpleGrid>
          <ScrollTable label={t('peers.round.byCity')} minWidth={320}>
            <Table withTableBorder striped fz="sm" verticalSpacing={4} data-testid="opt-ins-by-city">
              <Table.Caption c="gray.7">{t('peers.round.byCity')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('peers.round.city')}</Table.Th>
                  <Table.Th scope="col">{t('peers.round.optedIn')}</Table.Th>
                  <Table.Th scope="col">{t('peers.round.optedOut')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.cities.map((row) => (
                  <Table.Tr key={`${row.city}-${row.country}`}>
                    <Table.Th scope="row" fw={400}>
                      {row.city} ({row.country})
                    </Table.Th>
                    <Table.Td>{row.opted_in}</Table.Td>
                    <Table.Td>{row.opted_out}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Stack>
      )}
    </QueryState>
  );
}

function RoundStats({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const stats = round.stats as Record<string, unknown>;
  const notes = (Array.isArray(stats.notes) ? stats.notes : []) as PeerReason[];
  const number = (key: string) => (typeof stats[key] === 'number' ? (stats[key] as number) : 0);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t('peers.round.groups')} value={number('groups')} />
        <Figure label={t('peers.round.workers')} value={number('workers')} />
        <Figure label={t('peers.round.repeatPairs')} value={number('repeat_pairs')} />
        <Figure label={t('peers.round.mixingMet')} value={`${number('groups_mixing_met')} / ${number('groups')}`} />
      </SimpleGrid>
      {notes.length > 0 && (
        <Notice tone="warning" title={t('peers.round.notes')}>
          <List size="sm">
            {notes.map((note, index) => (
              <List.Item key={`${note.code}-${index}`}>{translatePeerReason(t, i18n.language, note)}</List.Item>
            ))}
          </List>
        </Notice>
      )}
    </Stack>
  );
}

export function RoundPanel({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const round = useRound(roundId);
  const form = useFormGroups(roundId);
  const publish = usePublishRound(roundId);
  const status = round.data?.status;
  const programmeId = round.data?.programme;
  const hasGroups = status === 'draft' || status === 'published';
  const groups = useRoundGroups(roundId, hasGroups);
  const topic = useLabels('topics');
  const role = useLabels('worker-roles');
  const queryClient = useQueryClient();
  const [confirmPublish, setConfirmPublish] = useState(false);

  useEffect(() => {
    // A finished formation replaces the draft groups; a new state changes who may still opt in or out.
    if (status === 'draft' || status === 'published') void queryClient.invalidateQueries({ queryKey: roundGroupsQueryKey(roundId) });
    void queryClient.invalidateQueries({ queryKey: optInsQueryKey(roundId) });
    // The list of rounds shows each one's state.
    if (programmeId) void queryClient.invalidateQueries({ queryKey: roundsQueryKey(programmeId), exact: true });
  }, [status, roundId, programmeId, queryClient]);

  return (
    <QueryState query={round}>
      {(data) => {
        const progress = data.progress ?? 0;
        const forming = data.status === 'forming';
        return (
          <Stack gap="md" data-testid="round-panel">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={2} size="h3">
                {data.name}
              </Title>
              <Badge variant="light" c="dark.9" size="lg" data-testid="round-status">
                {t(`peers.status.${data.status}`)}
              </Badge>
            </Group>
            <Text size="sm">
              {t('peers.round.settings', {
                min: data.min_size ?? 4,
                max: data.max_size ?? 8,
                cities: data.min_distinct_cities ?? 2,
              })}
              {data.topic_focus.length > 0 && ` ${t('peers.round.focus', { topics: formatList(data.topic_focus.map(topic)) })}`}
              {data.avoid_repeats ? ` ${t('peers.round.avoidsRepeats')}` : ''}
            </Text>
            {data.error && (
              <Notice tone="error" role="alert">
                {data.error}
              </Notice>
            )}

            {data.status === 'open' && (
              <>
                <Title order={3} size="h4">
                  {t('peers.round.whoTakesPart')}
                </Title>
                <OptInsSummary roundId={roundId} />
              </>
            )}

            {(data.status === 'open' || data.status === 'draft' || forming) && (
              <Stack gap="xs">
                <Button
                  w="fit-content"
                  size="md"
                  variant={data.status === 'draft' ? 'outline' : 'filled'}
                  loading={form.isPending}
                  disabled={forming}
                  onClick={() => form.mutate()}
                >
                  {data.status === 'draft' ? t('peers.round.formAgain') : t('peers.round.form')}
                </Button>
                {form.error && <ErrorAlert error={form.error} />}
              </Stack>
            )}

            {(forming || form.isSuccess || data.status !== 'open') && data.status !== 'published' && (
              <Stack gap={4}>
                <Text id={`formation-progress-${roundId}`} fw={600}>
                  {t('peers.round.progress')}
                </Text>
                <Progress.Root size="xl">
                  <Progress.Section
                    value={progress}
                    aria-labelledby={`formation-progress-${roundId}`}
                    aria-valuetext={`${progress}% – ${t(`peers.status.${data.status}`)}`}
                    animated={forming}
                  />
                </Progress.Root>
                <Text role="status" aria-live="polite" data-testid="formation-status">
                  {progress}% – {t(`peers.status.${data.status}`)}
                </Text>
              </Stack>
            )}

            {hasGroups && <RoundStats round={data} />}

            {data.status === 'draft' && (
              <Stack gap="xs">
                {confirmPublish ? (
                  <Notice tone="info" title={t('peers.round.publishConfirmTitle')}>
                    <Stack gap="xs">
                      <Text size="sm">{t('peers.round.publishConfirm')}</Text>
                      <Group gap="xs">
                        <Button loading={publish.isPending} onClick={() => publish.mutate(undefined, { onSuccess: () => setConfirmPublish(false) })}>
                          {t('peers.round.publishYes')}
                        </Button>
                        <Button variant="outline" onClick={() => setConfirmPublish(false)}>
                          {t('common.cancel')}
                        </Button>
                      </Group>
                    </Stack>
                  </Notice>
                ) : (
                  <Button w="fit-content" size="md" onClick={() => setConfirmPublish(true)}>
                    {t('peers.round.publish')}
                  </Button>
                )}
                {publish.error && <ErrorAlert error={publish.error} />}
              </Stack>
            )}
            {data.status === 'published' && data.published_at && (
              <Notice tone="success" testId="published-note">
                {t('peers.round.publishedOn', { date: formatDateTime(data.published_at) })}
              </Notice>
            )}

            {hasGroups && (
              <Stack gap="sm">
                <Title order={3} size="h4">
                  {data.status === 'draft' ? t('peers.round.draftGroups') : t('peers.round.publishedGroups')}
                </Title>
                <QueryState query={groups}>
                  {(list) => <RoundGroups roundId={roundId} groups={list} editable={data.status === 'draft'} labels={{ topic, role }} />}
                </QueryState>
              </Stack>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}
