// The page an outcome question's link opens: /outcomes/<token>?answer=<kind>. Opening it records nothing (mail
// scanners fetch links); the page itself records the tapped answer with a POST, says thank you, and keeps the six
// answers there to change it. An unknown, cancelled or expired link gets one plain page.
import { Alert, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { ErrorAlert, Loading } from '@/components/query-state';
import { LinkNotValid } from '@/components/link-not-valid';
import { OUTCOME_KINDS, type OutcomeKind, useAnswerByToken, useOutcomeByToken } from '../api/outcomes';
import { OutcomeAnswers } from './outcome-answers';
import { OutcomeQuestionText } from './outcome-question-text';

function NotValid({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  return (
    <LinkNotValid
      title={t(expired ? 'outcomes.link.expiredTitle' : 'outcomes.link.invalidTitle')}
      text={t(expired ? 'outcomes.link.expired' : 'outcomes.link.invalid')}
      home={t('outcomes.link.home')}
    />
  );
}

export function OutcomePage({ token, tapped }: { token: string; tapped: string | null }) {
  const { t } = useTranslation();
  const question = useOutcomeByToken(token);
  const answer = useAnswerByToken(token);
  const sent = useRef(false);
  const tappedKind = OUTCOME_KINDS.find((kind) => kind === tapped) ?? null;

  useEffect(() => {
    // The link's answer is recorded once, after the question loaded (so a dead link records nothing).
    if (sent.current || !tappedKind || !question.data) return;
    sent.current = true;
    answer.mutate(tappedKind);
  }, [tappedKind, question.data, answer]);

  if (question.isPending) return <Loading />;
  if (question.error instanceof ApiError && (question.error.status === 404 || question.error.status === 410))
    return <NotValid expired={question.error.status === 410} />;
  if (!question.data) return <ErrorAlert error={question.error} onRetry={() => void question.refetch()} />;
  const current = question.data.answer;
  const pending: OutcomeKind | null = answer.isPending ? (answer.variables ?? null) : null;
  return (
    <Paper withBorder p="lg" maw={640} mx="auto">
      <Stack>
        <OutcomeQuestionText question={question.data} />
        {current && !answer.isPending && (
          <Alert color="green.9" role="status">
            <Text fw={700}>{t('outcomes.thanks')}</Text>
            <Text>{t('outcomes.saved', { answer: t(`outcomes.kind.${current}`) })}</Text>
          </Alert>
        )}
        {answer.error && <ErrorAlert error={answer.error} />}
        <Text size="sm">{current ? t('outcomes.change') : t('outcomes.tapOne')}</Text>
        <OutcomeAnswers answer={current} pending={pending} onAnswer={(kind) => answer.mutate(kind)} />
        <Text size="sm" c="gray.7">
          {t('outcomes.why')}
        </Text>
      </Stack>
    </Paper>
  );
}
