// The question in words for her side: the mentee is asked what came of her mentoring, the mentor how her mentee
// is doing.
import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isolate } from '@/components/local-text';
import type { OutcomeQuestion } from '../api/outcomes';

export function OutcomeQuestionText({ question, headingOrder = 1 }: { question: OutcomeQuestion; headingOrder?: 1 | 2 | 3 }) {
  const { t } = useTranslation();
  const side = question.respondent_role === 'mentee' ? 'mentee' : 'mentor';
  const values = { programme: isolate(question.programme), name: isolate(question.other_first_name) };
  return (
    <>
      <Title order={headingOrder} size={headingOrder === 1 ? 'h2' : 'h4'}>
        {t(`outcomes.question.${side}.title`, values)}
      </Title>
      <Text>
        {t(`outcomes.question.${side}.when.${question.checkpoint}`, values)} {t(`outcomes.question.${side}.ask`, values)}
      </Text>
    </>
  );
}
