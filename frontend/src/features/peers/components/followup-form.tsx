// "Did your group meet?": yes or no, a rating from 1 to 5 if it did, and an optional comment. Asked once.
import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/query-state';
import { useAnswerFollowUp } from '../api/answer-followup';
import type { MemberGroup } from '../api/types';
import { Notice } from './notice';
import { formatDate } from '@/lib/format';

export function FollowUpForm({ group }: { group: MemberGroup }) {
  const { t } = useTranslation();
  const answer = useAnswerFollowUp(group.id);
  const [met, setMet] = useState<string>('');
  const [rating, setRating] = useState<string>('');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const followup = group.followup;
  // Asked once the set time has passed; she may answer earlier if she wants.
  const [open, setOpen] = useState(() => followup.asked || (followup.due_at !== null && new Date(followup.due_at) <= new Date()));

  if (followup.answered) {
    return (
      <Notice tone="success" title={t('peers.followup.thanks')}>
        {followup.met
          ? t('peers.followup.youMet', { rating: followup.rating ?? '–' })
          : t('peers.followup.youDidNotMeet')}
      </Notice>
    );
  }

  const due = followup.due_at ? formatDate(followup.due_at, 'long') : null;
  const name = `followup-${group.id}`;
  if (!open) {
    return (
      <Group gap="xs" wrap="wrap">
        <Text size="sm">{due ? t('peers.followup.later', { date: due }) : t('peers.followup.question')}</Text>
        <Button variant="subtle" size="compact-sm" onClick={() => setOpen(true)}>
          {t('peers.followup.answerNow')}
        </Button>
      </Group>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!met) {
          setMissing(true);
          return;
        }
        answer.mutate({ met: met === 'yes', rating: met === 'yes' && rating ? Number(rating) : null, comment });
      }}
    >
      <Stack gap="xs">
        <Radio.Group
          name={name}
          label={t('peers.followup.question')}
          description={due ? t('peers.followup.due', { date: due }) : undefined}
          value={met}
          onChange={(value) => {
            setMet(value);
            setMissing(false);
          }}
          error={missing ? t('peers.followup.chooseOne') : undefined}
        >
          <Group gap="md" mt={4}>
            <Radio value="yes" label={t('peers.followup.yes')} />
            <Radio value="no" label={t('peers.followup.no')} />
          </Group>
        </Radio.Group>
        {met === 'yes' && (
          <Radio.Group name={`${name}-rating`} label={t('peers.followup.rating')} value={rating} onChange={setRating}>
            <Group gap="md" mt={4}>
              {['1', '2', '3', '4', '5'].map((value) => (
                <Radio key={value} value={value} label={t(`peers.followup.stars.${value}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <Textarea
          label={t('peers.followup.comment')}
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
        />
        {answer.error && <ErrorAlert error={answer.error} />}
        <Text size="xs" c="gray.7">
          {t('peers.followup.who')}
        </Text>
        <Button type="submit" variant="outline" w="fit-content" loading={answer.isPending}>
          {t('peers.followup.send')}
        </Button>
      </Stack>
    </form>
  );
}
