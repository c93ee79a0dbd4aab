// A mentee's record for her coordinator: her profile, her matches so far and the engine's best mentors for her
// now, each with its score and reasons, ready to propose. Opening it is a logged read (the server records it).
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { Empty, QueryState } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { RecordOutcome } from '@/features/outcomes/components/record-outcome';
import { useCreateMatch } from '../api/create-match';
import { useProgrammeMatches } from '../api/get-matches';
import { useParticipantProfile, useRecommendations } from '../api/get-mentee-record';
import { useRolloverMatch } from '../api/rollover-match';
import { ScoreBreakdown } from './score-breakdown';
import { formatDate, formatList, languageName } from '@/lib/format';

function Recommendations({ programmeId, profileId }: { programmeId: string; profileId: string }) {
  const { t, i18n } = useTranslation();
  const recommendations = useRecommendations(profileId);
  const create = useCreateMatch(programmeId);
  const sector = useLabels('sectors');
  const [created, setCreated] = useState<string | null>(null);
  const error = create.error instanceof ApiError ? create.error.errors.map((e) => e.detail).join(' ') : create.error ? t('common.error') : null;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('dashboard.record.recommendations')}
      </Title>
      {error && (
        <Alert color="red.9" role="alert">
          {error}
        </Alert>
      )}
      {created && (
        <Text role="status" fw={600}>
          {created}
        </Text>
      )}
      <QueryState query={recommendations} isEmpty={(list) => list.length === 0} empty={t('dashboard.record.noRecommendations')}>
        {(list) => (
          <Stack gap="sm">
            {list.map((item) => (
              <Card key={item.mentor.profile} withBorder data-testid="recommendation">
                <Stack gap="xs">
                  <Group justify="space-between" wrap="wrap">
                    <Text fw={700}>
                      {t('dashboard.record.rank', { rank: item.rank })} {item.mentor.first_name}
                    </Text>
                    <Text size="sm">
                      {[
                        formatList(item.mentor.languages.map((l) => `${languageName(l.code, i18n.language)} ${l.level}`)),
                        formatList(item.mentor.sectors.map(sector)),
                        item.mentor.city,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Group>
                  <ScoreBreakdown score={item.explanation.score} parts={item.explanation.parts} reasons={item.explanation.reasons} />
                  <Button
                    w="fit-content"
                    size="xs"
                    disabled={!item.explanation.eligible}
                    loading={create.isPending && create.variables?.mentor === item.mentor.profile}
                    onClick={() =>
                      create.mutate(
                        { mentee: profileId, mentor: item.mentor.profile },
                        { onSuccess: () => setCreated(t('dashboard.record.proposed', { mentor: item.mentor.first_name })) },
                      )
                    }
                  >
                    {t('dashboard.record.propose', { mentor: item.mentor.first_name })}
                  </Button>
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function RecordBody({ programmeId, profileId }: { programmeId: string; profileId: string }) {
  const { t, i18n } = useTranslation();
  const profile = useParticipantProfile(profileId);
  const matches = useProgrammeMatches(programmeId, { mentee: profileId });
  const rollover = useRolloverMatch(programmeId);
  const rolloverError =
    rollover.error instanceof ApiError ? rollover.error.errors.map((e) => e.detail).join(' ') : rollover.error ? t('common.error') : null;
  const sector = useLabels('sectors');
  const goal = useLabels('goals');
  return (
    <Stack>
      <QueryState query={profile}>
        {(data) => (
          <dl className="facts">
            <dt>{t('dashboard.record.name')}</dt>
            <dd dir="auto">{data.full_name || data.display_name}</dd>
            <dt>{t('matches.languages')}</dt>
            <dd>{formatList(data.languages.map((l) => `${languageName(l.code, i18n.language)} (${l.level})`))}</dd>
            <dt>{t('matches.sectors')}</dt>
            <dd>{formatList(data.sectors.map(sector)) || '—'}</dd>
            <dt>{t('matches.goals')}</dt>
            <dd>{formatList(data.goals.map(goal)) || '—'}</dd>
            {data.goals_text && (
              <>
                <dt>{t('dashboard.record.ownWords')}</dt>
                <dd dir="auto">{data.goals_text}</dd>
              </>
            )}
            <dt>{t('matches.city')}</dt>
            <dd>
              {[data.city, data.online ? t('home.online') : ''].filter(Boolean).join(' · ') || '—'}
            </dd>
            <dt>{t('dashboard.record.preferences')}</dt>
            <dd>
              {[data.woman_mentor_only ? t('signup.womanMentorOnly') : '', data.online_only ? t('signup.onlineOnly') : '']
                .filter(Boolean)
                .join(' · ') || '—'}
            </dd>
            <dt>{t('dashboard.record.since')}</dt>
            <dd>{formatDate(data.created_at)}</dd>
          </dl>
        )}
      </QueryState>
      <Title order={3} size="h4">
        {t('dashboard.record.matches')}
      </Title>
      {rolloverError && (
        <Alert color="red.9" role="alert">
          {rolloverError}
        </Alert>
      )}
      <QueryState query={matches} isEmpty={(list) => list.length === 0} empty={t('dashboard.record.noMatches')}>
        {(list) => (
          <Stack gap={4}>
            {list.map((match) => (
              <Group key={match.id} gap="xs" wrap="wrap">
                <Badge variant="light" c="dark.9">
                  {t(`matches.state.${match.state}`)}
                </Badge>
                <Text size="sm">
                  <bdi>{match.mentor.full_name || match.mentor.display_name}</bdi> · {formatDate(match.updated_at)}
                </Text>
                {(match.state === 'declined' || match.state === 'expired') && (
                  <Button
                    size="xs"
                    variant="outline"
                    loading={rollover.isPending && rollover.variables === match.id}
                    onClick={() => rollover.mutate(match.id)}
                  >
                    {t('dashboard.waiting.rollover', { name: match.mentee.display_name })}
                  </Button>
                )}
                {/* What came of an ended match (features/outcomes): its answers, and recording one she told us. */}
                {match.state === 'closed' && <RecordOutcome programmeId={programmeId} matchId={match.id} />}
              </Group>
            ))}
          </Stack>
        )}
      </QueryState>
      <Recommendations programmeId={programmeId} profileId={profileId} />
    </Stack>
  );
}

export function MenteeRecord({ programmeId, profileId, onClose }: { programmeId: string; profileId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={profileId !== null} onClose={onClose} title={t('dashboard.record.title')} size="xl" fullScreen={phone} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {profileId ? <RecordBody programmeId={programmeId} profileId={profileId} /> : <Empty>{t('common.notFound')}</Empty>}
    </Modal>
  );
}
