// "What came of your match?" on her dashboard: each open question with the same one-tap answers as the email.
// Nothing is shown when she has no open question.
import { Alert, Card, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/query-state';
import { type OutcomeKind, useAnswerMyQuestion, useMyOutcomeQuestions } from '../api/outcomes';
import { OutcomeAnswers } from './outcome-answers';
import { OutcomeQuestionText } from './outcome-question-text';

export function OutcomeQuestionsCard() {
  const { t } = useTranslation();
  const questions = useMyOutcomeQuestions();
  const answer = useAnswerMyQuestion();
  const [thanked, setThanked] = useState(false);
  const list = questions.data ?? [];
  if (list.length === 0 && !thanked) return null;
  const pending = (id: string): OutcomeKind | null => (answer.isPending && answer.variables?.id === id ? answer.variables.kind : null);
  return (
    <Card withBorder padding="lg" component="section" aria-label={t('outcomes.card.title')}>
      <Stack>
        {thanked && (
          <Alert color="green.9" role="status">
            {t('outcomes.card.thanks')}
          </Alert>
        )}
        {answer.error && <ErrorAlert error={answer.error} />}
        {list.map((question) => (
          <Stack key={question.id} gap="xs">
            <OutcomeQuestionText question={question} headingOrder={2} />
            <OutcomeAnswers
              answer={question.answer}
              pending={pending(question.id)}
              onAnswer={(kind) => answer.mutate({ id: question.id, kind }, { onSuccess: () => setThanked(true) })}
            />
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
