// She edits her own profile: languages with levels, work area, goals (or, for a mentor, what she offers),
// place, weekly availability, her preferences and what she shares once matched. Server errors sit by their field.
import { Alert, Button, Checkbox, Divider, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { SectorPicker } from '@/components/sector-picker';
import { AvailabilityGrid } from '@/components/availability-grid';
import { mapApiErrors } from '@/components/form-errors';
import { GoalChips } from '@/components/goal-chips';
import { type LanguageLevel, LanguageLevels } from '@/components/language-levels';
import { QueryState } from '@/components/query-state';
import { useProfile } from '../api/get-profile';
import { type ProfileUpdate, useUpdateProfile } from '../api/update-profile';

type Profile = components['schemas']['ProfileOutput'];
type Gender = components['schemas']['GenderEnum'];
const GENDERS: Gender[] = ['woman', 'man', 'non_binary', 'unspecified'];

type Values = {
  languages: LanguageLevel[];
  sectors: string[];
  goals: string[];
  goals_text: string;
  city: string;
  online: boolean;
  availability: string[];
  gender: string;
  woman_mentor_only: boolean;
  online_only: boolean;
  share_email: boolean;
  share_phone: boolean;
};

const FIELDS = new Set([
  'languages',
  'sectors',
  'goals',
  'goals_text',
  'city',
  'online',
  'availability',
  'gender',
  'woman_mentor_only',
  'online_only',
  'share_email',
  'share_phone',
]);

/** "languages.0.code" stays as it is; known fields map to themselves; anything else goes to the alert. */
export function profileFieldForAttr(attr: string): string | null {
  const root = attr.split('.')[0] ?? '';
  return FIELDS.has(root) ? attr : null;
}

export function ProfilePage({ profileId, onSaved }: { profileId: string; onSaved?: () => void }) {
  const profile = useProfile(profileId);
  return <QueryState query={profile}>{(data) => <ProfileForm profile={data} onSaved={onSaved} />}</QueryState>;
}

export function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved?: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateProfile(profile.id);
  const [general, setGeneral] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const isMentee = profile.role === 'mentee';
  const form = useForm<Values>({
    initialValues: {
      languages: profile.languages.map((l) => ({ code: l.code, level: l.level })),
      sectors: profile.job_families,
      goals: profile.goals,
      goals_text: profile.goals_text ?? '',
      city: profile.city ?? '',
      online: profile.online ?? true,
      availability: profile.availability,
      gender: profile.gender ?? 'unspecified',
      woman_mentor_only: profile.woman_mentor_only ?? false,
      online_only: profile.online_only ?? false,
      share_email: profile.share_email ?? false,
      share_phone: profile.share_phone ?? false,
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (values.languages.length === 0) errors.languages = t('signup.languageRequired');
      values.languages.forEach((language, index) => {
        if (!language.code) errors[`languages.${index}.code`] = t('signup.required');
        if (!language.level) errors[`languages.${index}.level`] = t('signup.required');
      });
      if (isMentee && values.goals.length === 0) errors.goals = t('signup.goalRequired');
      if (!isMentee && values.sectors.length === 0) errors.sectors = t('mentoring.signup.sectorRequired');
      if (!values.online && !values.city.trim()) errors.city = t('mentoring.profile.cityOrOnline');
      return errors;
    },
  });

  const languageErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([key]) => key.startsWith('languages.'))
      .map(([key, value]) => [key.slice('languages.'.length), value ? String(value) : undefined]),
  );

  const onSubmit = form.onSubmit((values) => {
    setGeneral([]);
    setSaved(false);
    const body: ProfileUpdate = {
      languages: values.languages.map((l) => ({ code: l.code, level: l.level as components['schemas']['LevelEnum'] })),
      sectors: values.sectors,
      goals: values.goals,
      goals_text: values.goals_text,
      city: values.city.trim(),
      online: values.online,
      availability: values.availability as ProfileUpdate['availability'],
      share_email: values.share_email,
      share_phone: values.share_phone,
      ...(isMentee
        ? { woman_mentor_only: values.woman_mentor_only, online_only: values.online_only }
        : { gender: values.gender as Gender }),
    };
    update.mutate(body, {
      onSuccess: () => {
        setSaved(true);
        onSaved?.();
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) {
          setGeneral([t('common.error')]);
          return;
        }
        const mapped = mapApiErrors(error, profileFieldForAttr);
        form.setErrors(mapped.fields);
        setGeneral(mapped.general);
      },
    });
  });

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} maw={720}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('mentoring.profile.title')}
          </Title>
          <Text>{t('mentoring.profile.intro')}</Text>
          {general.length > 0 && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {general.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
            </Alert>
          )}

          <Title order={2} size="h4">
            {t('signup.steps.languages')}
          </Title>
          <LanguageLevels
            value={form.values.languages}
            onChange={(next) => form.setFieldValue('languages', next)}
            errors={languageErrors}
            error={form.errors.languages ? String(form.errors.languages) : undefined}
          />

          <Divider />
          <Title order={2} size="h4">
            {t('signup.steps.work')}
          </Title>
          <SectorPicker
            label={isMentee ? t('signup.sectors') : t('mentoring.signup.sectors')}
            value={form.values.sectors}
            onChange={(next) => form.setFieldValue('sectors', next)}
            error={form.errors.sectors ? String(form.errors.sectors) : undefined}
          />
          <GoalChips
            label={isMentee ? t('signup.goals') : t('mentoring.signup.offers')}
            value={form.values.goals}
            onChange={(next) => form.setFieldValue('goals', next)}
            error={form.errors.goals ? String(form.errors.goals) : undefined}
          />
          <Textarea label={t('signup.goalsText')} autosize minRows={2} {...form.getInputProps('goals_text')} />

          <Divider />
          <Title order={2} size="h4">
            {t('mentoring.profile.placeAndTime')}
          </Title>
          <TextInput label={t('signup.city')} autoComplete="address-level2" {...form.getInputProps('city')} />
          <Checkbox label={t('mentoring.profile.online')} {...form.getInputProps('online', { type: 'checkbox' })} />
          <AvailabilityGrid value={form.values.availability} onChange={(next) => form.setFieldValue('availability', next)} />

          <Divider />
          <Title order={2} size="h4">
            {t('signup.steps.preferences')}
          </Title>
          {isMentee ? (
            <>
              <Text size="sm">{t('signup.preferencesIntro')}</Text>
              <Checkbox label={t('signup.womanMentorOnly')} {...form.getInputProps('woman_mentor_only', { type: 'checkbox' })} />
              <Checkbox label={t('signup.onlineOnly')} {...form.getInputProps('online_only', { type: 'checkbox' })} />
            </>
          ) : (
            <NativeSelect
              label={t('mentoring.signup.gender')}
              description={t('mentoring.signup.genderHint')}
              data={GENDERS.map((gender) => ({ value: gender, label: t(`mentoring.genders.${gender}`) }))}
              {...form.getInputProps('gender')}
            />
          )}
          <Text size="sm">{t('mentoring.profile.shareIntro')}</Text>
          <Checkbox label={t('mentoring.profile.shareEmail')} {...form.getInputProps('share_email', { type: 'checkbox' })} />
          <Checkbox label={t('mentoring.profile.sharePhone')} {...form.getInputProps('share_phone', { type: 'checkbox' })} />

          {saved && (
            <Text role="status" c="green.9" fw={600}>
              {t('common.saved')}
            </Text>
          )}
          <Button type="submit" size="md" loading={update.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
