import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty, QueryState } from '@/components/query-state';
import { useMyMatches } from '../api/get-my-matches';
import { MatchCard } from './match-card';

const OPEN = new Set(['offered', 'active', 'paused']);

export function MyMatches({ role }: { role: 'mentee' | 'mentor' }) {
  const { t } = useTranslation();
  const matches = useMyMatches();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('matches.title')}
      </Title>
      <QueryState query={matches}>
        {(list) => {
          const offers = list.filter((m) => m.state === 'offered');
          // A paused match (after a safety report) still counts as hers until a coordinator resumes or ends it.
          const active = list.filter((m) => m.state === 'active' || String(m.state) === 'paused');
          const past = list.filter((m) => !OPEN.has(m.state));
          return (
            <Stack>
              {offers.length === 0 && active.length === 0 && (
                <Empty>{role === 'mentee' ? t('matches.menteeWaiting') : t('matches.mentorNone')}</Empty>
              )}
              {offers.length > 0 && (
                <section aria-labelledby="offers-heading">
                  <Title order={2} size="h3" id="offers-heading" mb="sm">
                    {t(role === 'mentee' ? 'matches.offersForMentee' : 'matches.offers')}
                  </Title>
                  <Stack>{offers.map((m) => <MatchCard key={m.id} match={m} />)}</Stack>
                </section>
              )}
              {active.length > 0 && (
                <section aria-labelledby="active-heading">
                  <Title order={2} size="h3" id="active-heading" mb="sm">
                    {role === 'mentor' ? t('mentoring.activeMentees') : t('mentoring.activeMentor')}
                  </Title>
                  <Stack>{active.map((m) => <MatchCard key={m.id} match={m} />)}</Stack>
                </section>
              )}
              {past.length > 0 && (
                <section aria-labelledby="past-heading">
                  <Title order={2} size="h3" id="past-heading" mb="sm">
                    {t('matches.past')}
                  </Title>
                  <Stack>{past.map((m) => <MatchCard key={m.id} match={m} />)}</Stack>
                </section>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
