// Feedback on a match in a few taps: how it went (1–5, in words), what she reached, and optional words.
import { Alert, Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { useGiveFeedback } from '../api/give-feedback';

type GoalReached = components['schemas']['GoalReachedEnum'];
const RATINGS = ['5', '4', '3', '2', '1'] as const;
const GOALS: GoalReached[] = ['job', 'training', 'recognition', 'language_course', 'none'];

export function FeedbackModal({ matchId, opened, onClose }: { matchId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const give = useGiveFeedback();
  const [rating, setRating] = useState('');
  const [goal, setGoal] = useState<GoalReached>('none');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const fieldError = (name: string) => (give.error instanceof ApiError ? give.error.fieldErrors[name] : undefined);
  const generalError = give.error instanceof ApiError ? give.error.generalErrors.join(' ') : give.error ? t('common.error') : null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('mentoring.feedback.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!rating) {
            setMissing(true);
            return;
          }
          give.mutate({ matchId, rating: Number(rating), goal_reached: goal, text }, { onSuccess: onClose });
        }}
      >
        <Stack>
          {generalError && (
            <Alert color="red.9" role="alert">
              {generalError}
            </Alert>
          )}
          <Radio.Group
            label={t('mentoring.feedback.rating')}
            required
            value={rating}
            onChange={(value) => {
              setRating(value);
              setMissing(false);
            }}
            error={missing ? t('signup.required') : fieldError('rating')}
          >
            <Stack gap="xs" mt="xs">
              {RATINGS.map((value) => (
                <Radio key={value} value={value} label={t(`mentoring.feedback.ratings.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('mentoring.feedback.goal')}
            value={goal}
            onChange={(value) => setGoal(value as GoalReached)}
            error={fieldError('goal_reached')}
          >
            <Stack gap="xs" mt="xs">
              {GOALS.map((value) => (
                <Radio key={value} value={value} label={t(`mentoring.feedback.goals.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('mentoring.feedback.text')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldError('text')}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={give.isPending}>
              {t('mentoring.feedback.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
