// The first meeting of a match, next to its conversation: she proposes up to three times (suggested from the weekly
// slots both marked, in her time zone) and where (a link, or a public place), the other person picks one, and both
// get a calendar invitation by email. Coordinators learn only that a meeting was booked.
import { Alert, Button, Card, Checkbox, Group, NativeSelect, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { ApiError } from '@/api/errors';
import { QueryState } from '@/components/query-state';
import { pseudoMark } from '@/i18n/pseudo';
import { type Meeting, ownTimeZone, useCancelMeeting, useMeeting, usePickMeeting, useProposeMeeting } from '../api/meeting';

const DURATIONS = [30, 45, 60, 90, 120];
const MAX_OPTIONS = 3;

/** A meeting time in her language and her time zone, with the weekday: "Wednesday, 9 December 2026, 18:00". */
export function formatMeetingTime(value: string, language: string = i18n.resolvedLanguage ?? 'en'): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short', timeZone: ownTimeZone() };
  return pseudoMark(new Intl.DateTimeFormat(language, options).format(new Date(value)));
}

function ProposeForm({ matchId, meeting, onDone }: { matchId: string; meeting: Meeting; onDone?: () => void }) {
  const { t } = useTranslation();
  const propose = useProposeMeeting(matchId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [placeKind, setPlaceKind] = useState<'online' | 'public'>(meeting.place_kind ?? 'public');
  const [place, setPlace] = useState('');
  const [duration, setDuration] = useState('60');
  const [missing, setMissing] = useState(false);
  const errors = propose.error instanceof ApiError ? propose.error.fieldErrors : {};
  const general = propose.error instanceof ApiError ? propose.error.generalErrors : propose.error ? [t('messages.meeting.failed')] : [];
  const options = [...chosen, ...(other ? [new Date(other).toISOString()] : [])];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (options.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    propose.mutate(
      { options, time_zone: ownTimeZone(), place_kind: placeKind, place, duration_minutes: Number(duration) },
      { onSuccess: () => onDone?.() },
    );
  };
  const optionsError = errors.options ?? (missing ? t('messages.meeting.chooseTimes') : undefined);
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Checkbox.Group
          label={t('messages.meeting.times')}
          description={t('messages.meeting.timesHint', { max: MAX_OPTIONS })}
          value={chosen}
          onChange={(value) => setChosen(value.slice(0, MAX_OPTIONS))}
          error={optionsError}
        >
          <Stack gap="xs" mt="xs">
            {meeting.suggestions.map((suggestion) => (
              <Checkbox
                key={suggestion}
                value={suggestion}
                label={formatMeetingTime(suggestion)}
                disabled={!chosen.includes(suggestion) && options.length >= MAX_OPTIONS}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {meeting.suggestions.length === 0 && <Text size="sm">{t('messages.meeting.noSuggestions')}</Text>}
        <TextInput
          type="datetime-local"
          label={t('messages.meeting.otherTime')}
          value={other}
          onChange={(event) => setOther(event.currentTarget.value)}
          disabled={!other && chosen.length >= MAX_OPTIONS}
        />
        <Radio.Group label={t('messages.meeting.where')} value={placeKind} onChange={(value) => setPlaceKind(value as 'online' | 'public')}>
          <Group gap="md" mt="xs">
            <Radio value="public" label={t('messages.meeting.public')} />
            <Radio value="online" label={t('messages.meeting.online')} />
          </Group>
        </Radio.Group>
        <TextInput
          label={placeKind === 'online' ? t('messages.meeting.link') : t('messages.meeting.place')}
          description={placeKind === 'online' ? t('messages.meeting.linkHint') : t('messages.meeting.placeHint')}
          value={place}
          onChange={(event) => setPlace(event.currentTarget.value)}
          error={errors.place}
          dir="auto"
          required
        />
        <NativeSelect
          label={t('messages.meeting.duration')}
          value={duration}
          onChange={(event) => setDuration(event.currentTarget.value)}
          data={DURATIONS.map((minutes) => ({ value: String(minutes), label: t('messages.meeting.minutes', { count: minutes }) }))}
          error={errors.duration_minutes}
        />
        {general.map((message) => (
          <Alert key={message} color="red.9" role="alert">
            {message}
          </Alert>
        ))}
        <Button type="submit" mih={44} w="fit-content" loading={propose.isPending}>
          {t('messages.meeting.propose')}
        </Button>
      </Stack>
    </form>
  );
}

function PickForm({ matchId, meeting }: { matchId: string; meeting: Meeting }) {
  const { t } = useTranslation();
  const pick = usePickMeeting(matchId);
  const [choice, setChoice] = useState<string>('');
  const error = pick.error instanceof ApiError ? pick.error.message : pick.error ? t('messages.meeting.failed') : undefined;
  return (
    <Stack gap="sm">
      <Radio.Group label={t('messages.meeting.proposedToYou')} value={choice} onChange={setChoice} error={error}>
        <Stack gap="xs" mt="xs">
          {meeting.options.map((option, index) => (
            <Radio key={option} value={String(index)} label={formatMeetingTime(option)} />
          ))}
        </Stack>
      </Radio.Group>
      <Text size="sm" dir="auto">
        {meeting.place_kind === 'online' ? t('messages.meeting.onlineAt') : t('messages.meeting.placeAt')} {meeting.place}
      </Text>
      <Button mih={44} w="fit-content" disabled={!choice} loading={pick.isPending} onClick={() => pick.mutate(Number(choice))}>
        {t('messages.meeting.pick')}
      </Button>
    </Stack>
  );
}

export function FirstMeeting({ matchId }: { matchId: string }) {
  const { t } = useTranslation();
  const meeting = useMeeting(matchId);
  const cancel = useCancelMeeting(matchId);
  const [proposing, setProposing] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="first-meeting-title" data-testid="first-meeting">
      <Stack gap="sm">
        <Title order={2} size="h4" id="first-meeting-title">
          {t('messages.meeting.title')}
        </Title>
        <QueryState query={meeting}>
          {(current) => {
            const booked = current.state === 'booked' && current.starts_at;
            const waiting = current.state === 'proposed' && current.proposed_by_me;
            const toPick = current.state === 'proposed' && !current.proposed_by_me;
            return (
              <Stack gap="sm">
                {booked && (
                  <Alert color="green.9" variant="light" data-testid="meeting-booked">
                    <Stack gap={4}>
                      <Text size="sm" fw={700}>
                        {formatMeetingTime(current.starts_at!)}
                      </Text>
                      <Text size="sm" dir="auto">
                        {current.place_kind === 'online' ? t('messages.meeting.onlineAt') : t('messages.meeting.placeAt')} {current.place}
                      </Text>
                      <Text size="sm">{t('messages.meeting.invitation')}</Text>
                    </Stack>
                  </Alert>
                )}
                {waiting && (
                  <Text size="sm" data-testid="meeting-waiting">
                    {t('messages.meeting.waiting', { count: current.options.length })}
                  </Text>
                )}
                {toPick && current.can_change && <PickForm matchId={matchId} meeting={current} />}
                {current.state === 'cancelled' && <Text size="sm">{t('messages.meeting.cancelled')}</Text>}
                {current.can_change &&
                  (proposing || current.state === null || current.state === 'cancelled' ? (
                    <ProposeForm matchId={matchId} meeting={current} onDone={() => setProposing(false)} />
                  ) : (
                    <Group gap="sm">
                      <Button variant="default" mih={44} onClick={() => setProposing(true)}>
                        {t('messages.meeting.proposeOther')}
                      </Button>
                      <Button variant="default" color="red.9" c="red.9" mih={44} loading={cancel.isPending} onClick={() => cancel.mutate()}>
                        {t('messages.meeting.cancel')}
                      </Button>
                    </Group>
                  ))}
                {current.state === null && <Text size="sm" c="dark.7">{t('messages.safety.meet')}</Text>}
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </Card>
  );
}
