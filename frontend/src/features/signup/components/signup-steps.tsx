// The sign-up's steps after the first (languages, work, preferences, availability, consent): a file of their own,
// so that the form can be used as soon as the first step's code has arrived (signup-form.tsx fetches this one while
// she fills in her name, email and password).
import { Checkbox, NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { components } from '@/api/schema';
import { AvailabilityGrid } from '@/components/availability-grid';
import { ConsentText } from '@/components/consent-text';
import { GoalChips } from '@/components/goal-chips';
import { LanguageLevels } from '@/components/language-levels';
import { SectorPicker } from '@/components/sector-picker';
import type { SignUpRole, SignUpValues, Step } from './signup-fields';

// How many mentees at once, 1 to 10, from the phone's own picker.
const CAPACITIES = Array.from({ length: 10 }, (_, index) => String(index + 1));

type Programme = components['schemas']['ProgrammeOutput'];
type Gender = components['schemas']['GenderEnum'];
const GENDERS: Gender[] = ['woman', 'man', 'non_binary', 'unspecified'];

export function LaterStep({
  step,
  role,
  form,
  programme,
  languageErrors,
}: {
  step: Step;
  role: SignUpRole;
  form: UseFormReturnType<SignUpValues>;
  programme: Programme;
  languageErrors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const isMentee = role === 'mentee';
  return (
    <>
      {step === 'languages' && (
        <>
          <Text>{isMentee ? t('signup.languagesIntro') : t('mentoring.signup.languagesIntro')}</Text>
          <LanguageLevels
            value={form.values.languages}
            onChange={(next) => form.setFieldValue('languages', next)}
            errors={languageErrors}
            error={form.errors.languages ? String(form.errors.languages) : undefined}
          />
        </>
      )}

      {step === 'work' && (
        <>
          {role === 'employer' && (
            <TextInput label={t('mentoring.signup.organisation')} autoComplete="organization" {...form.getInputProps('organisation')} />
          )}
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
          <Textarea label={t('signup.goalsText')} autosize minRows={2} {...form.getInputProps('goalsText')} />
          {isMentee && <TextInput label={t('signup.city')} autoComplete="address-level2" {...form.getInputProps('city')} />}
        </>
      )}

      {step === 'preferences' && (
        <>
          <Text>{t('signup.preferencesIntro')}</Text>
          <Checkbox label={t('signup.womanMentorOnly')} {...form.getInputProps('womanMentorOnly', { type: 'checkbox' })} />
          <Checkbox label={t('signup.onlineOnly')} {...form.getInputProps('onlineOnly', { type: 'checkbox' })} />
        </>
      )}

      {step === 'availability' && (
        <>
          <NativeSelect
            label={t('mentor.capacity')}
            description={t('mentoring.signup.capacityHint')}
            required
            w={220}
            data={CAPACITIES}
            value={String(form.values.capacity)}
            onChange={(event) => form.setFieldValue('capacity', Number(event.currentTarget.value))}
            error={form.errors.capacity}
          />
          <TextInput label={t('signup.city')} autoComplete="address-level2" {...form.getInputProps('city')} />
          <Checkbox label={t('mentoring.profile.online')} {...form.getInputProps('online', { type: 'checkbox' })} />
          <AvailabilityGrid value={form.values.availability} onChange={(next) => form.setFieldValue('availability', next)} />
          <NativeSelect
            label={t('mentoring.signup.gender')}
            description={t('mentoring.signup.genderHint')}
            data={GENDERS.map((gender) => ({ value: gender, label: t(`mentoring.genders.${gender}`) }))}
            {...form.getInputProps('gender')}
          />
        </>
      )}

      {step === 'consent' && (
        <>
          <Text>{t('signup.consentIntro')}</Text>
          <ConsentText
            text={programme.consent_text}
            language={programme.consent_language}
            languages={programme.consent_languages}
          />
          <Text size="sm">{t('mentoring.signup.consentPlain')}</Text>
          <Checkbox label={t('signup.consentCheck')} {...form.getInputProps('consent', { type: 'checkbox' })} />
          <Checkbox
            label={t('signup.improveMatching')}
            description={t('signup.improveMatchingHint')}
            {...form.getInputProps('improveMatching', { type: 'checkbox' })}
          />
        </>
      )}
    </>
  );
}
