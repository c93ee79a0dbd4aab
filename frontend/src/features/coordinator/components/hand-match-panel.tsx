// Match by hand: find a mentee and a mentor by name, see the engine's score and reasons, then confirm.
// The pair becomes a proposal (approve it like any other); a pair that breaks a hard rule cannot be confirmed.
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { Loading } from '@/components/query-state';
import { ReasonList } from '@/components/reason-list';
import { useLabels } from '@/lib/reference';
import { useCreateMatch } from '../api/create-match';
import { useExplainPair } from '../api/explain-pair';
import { useParticipants } from '../api/get-participants';
import { ScoreBreakdown } from './score-breakdown';
import { formatList } from '@/lib/format';

type Profile = components['schemas']['ProfileOutput'];

function describe(profile: Profile, sector: (code: string) => string): string {
  const name = profile.full_name || profile.display_name;
  const details = [formatList(profile.languages.map((l) => `${l.code} ${l.level}`)), formatList(profile.sectors.map(sector)), profile.city]
    .filter(Boolean)
    .join(' · ');
  return details ? `${name} (${details})` : name;
}

function PersonPicker({
  programmeId,
  kind,
  value,
  onChange,
}: {
  programmeId: string;
  kind: 'mentee' | 'mentor';
  value: Profile | null;
  onChange: (profile: Profile | null) => void;
}) {
  const { t } = useTranslation();
  const sector = useLabels('sectors');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // A picked person's label is shown in the box; only new words are sent as a search.
  const term = value && search === describe(value, sector) ? '' : debounced;
  const first = useParticipants(programmeId, kind, term);
  const employers = useParticipants(programmeId, 'employer', term, kind === 'mentor');
  const people = [...(first.data ?? []), ...(kind === 'mentor' ? (employers.data ?? []) : [])].filter(
    (person) => kind === 'mentee' || person.verified,
  );
  const options = value && !people.some((p) => p.id === value.id) ? [value, ...people] : people;
  return (
    <Select
      label={kind === 'mentee' ? t('dashboard.hand.mentee') : t('dashboard.hand.mentor')}
      description={kind === 'mentor' ? t('dashboard.hand.verifiedOnly') : undefined}
      placeholder={t('dashboard.hand.searchPlaceholder')}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server filters by name or email; keep its answer as it is.
      filter={({ options: all }) => all}
      nothingFoundMessage={first.isFetching ? t('common.loading') : t('dashboard.hand.nobody')}
      data={options.map((person) => ({ value: person.id, label: describe(person, sector) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((person) => person.id === id) ?? null)}
      data-testid={`picker-${kind}`}
    />
  );
}

export function HandMatchPanel({ programmeId, onCreated }: { programmeId: string; onCreated?: () => void }) {
  const { t } = useTranslation();
  const [mentee, setMentee] = useState<Profile | null>(null);
  const [mentor, setMentor] = useState<Profile | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const explanation = useExplainPair(programmeId, mentee?.id ?? null, mentor?.id ?? null);
  const create = useCreateMatch(programmeId);
  const sector = useLabels('sectors');
  const goal = useLabels('goals');
  const createError = create.error instanceof ApiError ? create.error.errors.map((e) => e.detail).join(' ') : create.error ? t('common.error') : null;
  return (
    <Stack maw={820}>
      <Title order={2} size="h4">
        {t('dashboard.hand.title')}
      </Title>
      <Text size="sm">{t('dashboard.hand.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PersonPicker programmeId={programmeId} kind="mentee" value={mentee} onChange={(p) => { setMentee(p); setNotice(null); }} />
        <PersonPicker programmeId={programmeId} kind="mentor" value={mentor} onChange={(p) => { setMentor(p); setNotice(null); }} />
      </SimpleGrid>
      {mentee && mentor && (
        <Paper withBorder p="md">
          {explanation.isPending && <Loading />}
          {explanation.error && (
            <Alert color="red.9" role="alert">
              {explanation.error.message}
            </Alert>
          )}
          {explanation.data && (
            <Stack>
              {!explanation.data.eligible && (
                <Alert color="red.9" role="alert" title={t('dashboard.hand.notEligible')}>
                  <ReasonList reasons={explanation.data.reasons} labels={{ sector, goal }} />
                </Alert>
              )}
              <ScoreBreakdown score={explanation.data.score} parts={explanation.data.parts} reasons={explanation.data.eligible ? explanation.data.reasons : []} />
              {createError && (
                <Alert color="red.9" role="alert">
                  {createError}
                </Alert>
              )}
              <Group>
                <Button
                  disabled={!explanation.data.eligible}
                  loading={create.isPending}
                  onClick={() =>
                    create.mutate(
                      { mentee: mentee.id, mentor: mentor.id },
                      {
                        onSuccess: () => {
                          setNotice(
                            t('dashboard.hand.created', { mentee: mentee.display_name, mentor: mentor.display_name }),
                          );
                          setMentee(null);
                          setMentor(null);
                          onCreated?.();
                        },
                      },
                    )
                  }
                >
                  {t('dashboard.hand.confirm', { mentee: mentee.display_name, mentor: mentor.display_name })}
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      )}
      {notice && (
        <Text role="status" aria-live="polite" fw={600}>
          {notice}
        </Text>
      )}
    </Stack>
  );
}
