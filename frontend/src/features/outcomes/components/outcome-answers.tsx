// The six one-tap answers to "what came of your match?"; the one she gave is pressed, and any other replaces it.
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OUTCOME_KINDS, type OutcomeKind } from '../api/outcomes';

export function OutcomeAnswers({
  answer,
  pending,
  onAnswer,
}: {
  answer: OutcomeKind | null | undefined;
  pending: OutcomeKind | null;
  onAnswer: (kind: OutcomeKind) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="group" aria-label={t('outcomes.answersLabel')}>
      {OUTCOME_KINDS.map((kind) => (
        <Button
          key={kind}
          variant={answer === kind ? 'filled' : 'outline'}
          aria-pressed={answer === kind}
          loading={pending === kind}
          disabled={pending !== null && pending !== kind}
          onClick={() => onAnswer(kind)}
        >
          {t(`outcomes.kind.${kind}`)}
        </Button>
      ))}
    </Group>
  );
}
