// A frontline worker's page in her peer network: the rounds she can opt in or out of, her current group
// and her earlier groups.
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, QueryState } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { useMyGroups } from '../api/get-my-groups';
import { useRounds } from '../api/get-rounds';
import { useOptIn } from '../api/opt-in';
import { useOptOut } from '../api/opt-out';
import type { Round } from '../api/types';
import { GroupCard, type MemberActions } from './group-card';
import { Notice } from './notice';

function RoundChoice({ round }: { round: Round }) {
  const { t } = useTranslation();
  const optIn = useOptIn();
  const optOut = useOptOut();
  const takingPart = round.opted_in !== false;
  const headingId = `round-${round.id}`;
  const error = optIn.error ?? optOut.error;
  return (
    <Card withBorder component="li" padding="sm" aria-labelledby={headingId} data-testid="open-round">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700} id={headingId}>
            {round.name}
          </Text>
          <Badge variant="light" c="dark.9">
            {takingPart ? t('peers.rounds.takingPart') : t('peers.rounds.notTakingPart')}
          </Badge>
        </Group>
        <Text size="sm">
          {t('peers.rounds.sizes', { min: round.min_size ?? 4, max: round.max_size ?? 8, cities: round.min_distinct_cities ?? 2 })}
        </Text>
        {round.status === 'open' ? (
          <Button
            variant="outline"
            w="fit-content"
            loading={optIn.isPending || optOut.isPending}
            onClick={() => (takingPart ? optOut.mutate(round.id) : optIn.mutate(round.id))}
          >
            {takingPart ? t('peers.rounds.optOut', { round: round.name }) : t('peers.rounds.optIn', { round: round.name })}
          </Button>
        ) : (
          <Text size="sm">{t('peers.rounds.beingFormed')}</Text>
        )}
        {error && <ErrorAlert error={error} />}
      </Stack>
    </Card>
  );
}

function NetworkRounds({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const rounds = useRounds(programmeId);
  return (
    <QueryState query={rounds}>
      {(list) => {
        const upcoming = list.filter((round) => round.status !== 'published');
        return upcoming.length === 0 ? (
          <Text>{t('peers.rounds.noneOpen')}</Text>
        ) : (
          <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {upcoming.map((round) => (
              <RoundChoice key={round.id} round={round} />
            ))}
          </Stack>
        );
      }}
    </QueryState>
  );
}

export function MyPeerNetwork({
  programmeId,
  programmeName,
  memberActions,
}: {
  programmeId: string;
  programmeName: string;
  /** Composed by the page: what she can do about another member (report, block). */
  memberActions?: MemberActions;
}) {
  const { t } = useTranslation();
  const groups = useMyGroups();
  const topic = useLabels('topics');
  const role = useLabels('worker-roles');
  const labels = { topic, role };
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('peers.my.title', { programme: programmeName })}
      </Title>
      <Stack gap="sm" component="section" aria-labelledby="peer-rounds-heading">
        <Title order={2} size="h3" id="peer-rounds-heading">
          {t('peers.my.rounds')}
        </Title>
        <Text size="sm">{t('peers.my.roundsIntro')}</Text>
        <NetworkRounds programmeId={programmeId} />
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="peer-groups-heading">
        <Title order={2} size="h3" id="peer-groups-heading">
          {t('peers.my.groups')}
        </Title>
        {groups.error ? (
          <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
        ) : (
          <QueryState query={groups}>
            {(list) => {
              const mine = list.filter((group) => group.programme === programmeId);
              if (mine.length === 0) return <Notice tone="info">{t('peers.my.noGroup')}</Notice>;
              const current = mine.filter((group) => group.current);
              const past = mine.filter((group) => !group.current);
              return (
                <Stack gap="md">
                  {current.map((group) => (
                    <GroupCard key={group.id} group={group} labels={labels} memberActions={memberActions} />
                  ))}
                  {past.length > 0 && (
                    <>
                      <Title order={2} size="h3">
                        {t('peers.my.pastGroups')}
                      </Title>
                      {past.map((group) => (
                        <GroupCard key={group.id} group={group} labels={labels} memberActions={memberActions} />
                      ))}
                    </>
                  )}
                </Stack>
              );
            }}
          </QueryState>
        )}
      </Stack>
    </Stack>
  );
}
