import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '@/api/schema';
import { ReasonList } from '@/components/reason-list';
import { ReportDialogTrigger } from '@/features/safety/components/report-dialog';
import { familyLabelsOf, useFamilyLabels, useJobFamilies, useLabels } from '@/lib/reference';
import { useAcceptMatch } from '../api/accept-match';
import { FeedbackModal } from './feedback-modal';
import { ReasonModal } from './reason-modal';
import { formatDate, formatList, languageName } from '@/lib/format';
import { addressContext, pairContext } from '@/lib/address';
import { useMe } from '@/lib/auth';
import { Link } from '@/lib/router';

type ParticipantMatch = components['schemas']['ParticipantMatchOutput'];

const STATE_COLOURS: Record<string, string> = { offered: 'yellow', active: 'green', declined: 'gray', expired: 'gray', closed: 'gray' };

export function MatchCard({ match }: { match: ParticipantMatch }) {
  const { t, i18n } = useTranslation();
  const accept = useAcceptMatch();
  const [declining, setDeclining] = useState(false);
  const [ending, setEnding] = useState(false);
  const [givingFeedback, setGivingFeedback] = useState(false);
  const families = useJobFamilies();
  const sector = useFamilyLabels();
  const goal = useLabels('goals');
  const person = match.counterpart;
  const iAmMentor = match.my_role !== 'mentee';
  const headingKey = match.state === 'active' ? (iAmMentor ? 'matches.yourMentee' : 'matches.yourMentor') : iAmMentor ? 'matches.proposedMentee' : 'matches.proposedMentor';
  const headingId = `match-${match.id}`;
  const me = useMe();
  // Words about her counterpart follow how that person wants to be addressed; words about both, both of theirs.
  const context = addressContext(person.address_as);
  const both = pairContext(person.address_as, me.data?.address_as);

  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={headingId}>
            {t(headingKey, { name: person.first_name, context })}
          </Title>
          {/* The state is written out, never shown by colour alone. */}
          <Badge color={STATE_COLOURS[match.state] ?? "blue"} variant="light" c="dark.9" size="lg">
            {t(`matches.state.${match.state}`)}
          </Badge>
        </Group>
        <dl className="facts">
          <dt>{t('matches.languages')}</dt>
          <dd>{formatList(person.languages.map((l) => `${languageName(l.code, i18n.language)} (${l.level})`))}</dd>
          {person.sectors.length > 0 && (
            <>
              <dt>{t('matches.sectors')}</dt>
              <dd>{formatList(familyLabelsOf(person.sectors, families.data))}</dd>
            </>
          )}
          {person.goals.length > 0 && (
            <>
              <dt>{t('matches.goals')}</dt>
              <dd>{formatList(person.goals.map(goal))}</dd>
            </>
          )}
          {person.city && (
            <>
              <dt>{t('matches.city')}</dt>
              <dd>{person.city}</dd>
            </>
          )}
        </dl>
        {match.reasons.length > 0 && (
          <div>
            <Text fw={600} size="sm">
              {t('matches.why')}
            </Text>
            <ReasonList reasons={match.reasons} labels={{ sector, goal, context: both }} label={t('matches.why')} />
          </div>
        )}
        {match.contact && (
          <div>
            <Text fw={600} size="sm">
              {t('matches.contact')}
            </Text>
            <Text size="sm">{match.contact.full_name}</Text>
            <Text size="sm">
              {t('matches.email')}: {match.contact.email ?? t('matches.notShared')}
            </Text>
            <Text size="sm">
              {t('matches.phone')}: {match.contact.phone ?? t('matches.notShared')}
            </Text>
            {/* Her way to get in touch without sharing a number: the match's conversation (also its first meeting). */}
            <Button component={Link} to={`/messages/match/${match.id}`} variant="light" mt="xs" mih={44} data-testid="match-messages">
              {t('matches.write', { name: person.first_name })}
            </Button>
          </div>
        )}
        {match.state === 'offered' && (
          <>
            {match.offer_expires_at && (
              <Text size="sm">
                {/* The mentor is asked to answer; she is told plainly that she need not do anything. */}
                {t(iAmMentor ? 'matches.answerBy' : 'matches.mentorAnswersBy', {
                  date: formatDate(match.offer_expires_at, 'long'),
                })}
              </Text>
            )}
            {accept.error && (
              <Alert color="red.9" role="alert">
                {accept.error.message}
              </Alert>
            )}
            <Group>
              {iAmMentor && (
                <Button onClick={() => accept.mutate(match.id)} loading={accept.isPending}>
                  {t('matches.accept')}
                </Button>
              )}
              <Button variant="outline" color="red.9" onClick={() => setDeclining(true)}>
                {t('matches.decline')}
              </Button>
            </Group>
            <ReasonModal kind="decline" matchId={match.id} opened={declining} onClose={() => setDeclining(false)} />
          </>
        )}
        {match.state === 'closed' && !match.feedback_given && <Text size="sm">{t('mentoring.feedback.asked')}</Text>}
        {match.feedback_given && (
          <Text size="sm" c="dark.6">
            {t('mentoring.feedback.thanks')}
          </Text>
        )}
        {(match.state === 'active' || (match.state === 'closed' && !match.feedback_given)) && (
          <Group>
            {!match.feedback_given && (
              <Button variant="outline" onClick={() => setGivingFeedback(true)}>
                {t('mentoring.feedback.open')}
              </Button>
            )}
            {match.state === 'active' && (
              <Button variant="outline" color="red.9" onClick={() => setEnding(true)}>
                {t('mentoring.end.open')}
              </Button>
            )}
          </Group>
        )}
        {match.state === 'active' && <ReasonModal kind="end" matchId={match.id} opened={ending} onClose={() => setEnding(false)} />}
        {!match.feedback_given && (
          <FeedbackModal matchId={match.id} opened={givingFeedback} onClose={() => setGivingFeedback(false)} />
        )}
        {/* Safety (features/safety): report or block the other side of this match. */}
        {['offered', 'active', 'paused'].includes(match.state) && (
          <Group justify="flex-end">
            <ReportDialogTrigger target={{ match: match.id }} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}
