// Assisted sign-up: a coordinator registers a mentee who has no email or needs help, together with her, and
// records how she gave her consent. The server's field errors appear next to their fields; success says what
// happens next for her.
import {
  Alert,
  Blockquote,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  Modal,
  MultiSelect,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { AddressChoice, type AddressChoiceValue } from '@/components/address-choice';
import { mapApiErrors } from '@/components/form-errors';
import { GoalChips } from '@/components/goal-chips';
import { LanguageLevels } from '@/components/language-levels';
import { QueryState } from '@/components/query-state';
import { LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from '@/i18n/languages';
import { useReference } from '@/lib/reference';
import { type ConsentMethod, useAssistedSignUp } from '../api/assisted-sign-up';
import { useProgramme } from '@/lib/programme';

type Programme = components['schemas']['ProgrammeOutput'];
type Level = components['schemas']['LevelEnum'];
const CONSENT_METHODS: ConsentMethod[] = ['verbal', 'paper_form', 'interpreter'];

type Values = {
  displayName: string;
  fullName: string;
  email: string;
  phone: string;
  preferredLanguage: UiLanguage;
  addressAs: AddressChoiceValue;
  languages: { code: string; level: string }[];
  sectors: string[];
  goals: string[];
  goalsText: string;
  city: string;
  online: boolean;
  womanMentorOnly: boolean;
  onlineOnly: boolean;
  consentMethod: string;
  consentGiven: boolean;
};

const ACCOUNT: Record<string, keyof Values> = {
  display_name: 'displayName',
  full_name: 'fullName',
  email: 'email',
  phone: 'phone',
  preferred_language: 'preferredLanguage',
  address_as: 'addressAs',
};
const PROFILE: Record<string, keyof Values> = {
  sectors: 'sectors',
  goals: 'goals',
  goals_text: 'goalsText',
  city: 'city',
  online: 'online',
  woman_mentor_only: 'womanMentorOnly',
  online_only: 'onlineOnly',
};

/** "account.email" → "email", "profile.languages.0.code" → "languages.0.code", "consent.method" → "consentMethod";
 * anything else (e.g. "consent.version": the text changed meanwhile) goes to the alert. */
export function assistedFieldForAttr(attr: string): string | null {
  const [group, name, ...rest] = attr.split('.');
  if (!name) return null;
  if (group === 'account') return ACCOUNT[name] ?? null;
  if (group === 'profile') {
    if (name === 'languages') return rest.length === 2 ? `languages.${rest[0]}.${rest[1]}` : 'languages';
    return PROFILE[name] ?? null;
  }
  if (group === 'consent') return name === 'method' ? 'consentMethod' : name === 'given' ? 'consentGiven' : null;
  return null;
}

type Registered = { name: string; email: string; method: ConsentMethod };

function WhatHappensNext({ registered, onAnother, onClose }: { registered: Registered; onAnother: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack>
      <Alert color="green.9" role="status">
        <Title order={3} size="h4" ref={heading} tabIndex={-1}>
          {t('assisted.done.title', { name: registered.name })}
        </Title>
      </Alert>
      <Text fw={500}>{t('assisted.done.nextTitle')}</Text>
      <List type="ordered" spacing="xs">
        <List.Item>{t('assisted.done.waiting')}</List.Item>
        <List.Item>{registered.email ? t('assisted.done.withEmail', { email: registered.email }) : t('assisted.done.noEmail')}</List.Item>
        <List.Item>{t('assisted.done.consent', { method: t(`assisted.methods.${registered.method}`) })}</List.Item>
      </List>
      <Group>
        <Button onClick={onAnother}>{t('assisted.done.another')}</Button>
        <Button variant="outline" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}

export function AssistedSignUpForm({ programme, onClose }: { programme: Programme; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const signUp = useAssistedSignUp(programme.id);
  const sectors = useReference('sectors');
  const [general, setGeneral] = useState<string[]>([]);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const uiLanguage = UI_LANGUAGES.find((code) => code === i18n.resolvedLanguage) ?? 'en';

  const form = useForm<Values>({
    initialValues: {
      displayName: '',
      fullName: '',
      email: '',
      phone: '',
      preferredLanguage: uiLanguage,
      addressAs: '' as AddressChoiceValue,
      languages: [{ code: '', level: '' }],
      sectors: [],
      goals: [],
      goalsText: '',
      city: programme.city ?? '',
      online: true,
      womanMentorOnly: false,
      onlineOnly: false,
      consentMethod: '',
      consentGiven: false,
    },
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      if (!values.displayName.trim()) errors.displayName = t('signup.required');
      if (values.email.trim() && !/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = t('signup.emailInvalid');
      if (values.languages.length === 0) errors.languages = t('signup.languageRequired');
      values.languages.forEach((language, index) => {
        if (!language.code) errors[`languages.${index}.code`] = t('signup.required');
        if (!language.level) errors[`languages.${index}.level`] = t('signup.required');
      });
      if (values.goals.length === 0) errors.goals = t('signup.goalRequired');
      if (!values.online && !values.city.trim()) errors.city = t('assisted.cityOrOnline');
      if (values.onlineOnly && !values.online) errors.onlineOnly = t('assisted.onlineOnlyNeedsOnline');
      if (!values.consentMethod) errors.consentMethod = t('assisted.methodRequired');
      if (!values.consentGiven) errors.consentGiven = t('assisted.consentRequired');
      return errors;
    },
  });

  // After a refused submit, take keyboard and screen-reader users to the first field that needs attention.
  const focusFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus());

  const languageErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([key]) => key.startsWith('languages.'))
      .map(([key, value]) => [key.slice('languages.'.length), value ? String(value) : undefined]),
  );
  const errorOf = (field: keyof Values) => (form.errors[field] ? String(form.errors[field]) : undefined);

  const submit = (values: Values) => {
    setGeneral([]);
    const method = values.consentMethod as ConsentMethod;
    signUp.mutate(
      {
        account: {
          display_name: values.displayName.trim(),
          full_name: values.fullName.trim(),
          email: values.email.trim(),
          phone: values.phone.trim(),
          preferred_language: values.preferredLanguage,
          address_as: values.addressAs,
        },
        profile: {
          languages: values.languages.map((l) => ({ code: l.code, level: l.level as Level })),
          sectors: values.sectors,
          goals: values.goals,
          goals_text: values.goalsText.trim(),
          city: values.city.trim(),
          online: values.online,
          woman_mentor_only: values.womanMentorOnly,
          online_only: values.onlineOnly,
          gender: 'woman',
        },
        consent: { given: values.consentGiven, version: programme.consent_version ?? '', method },
      },
      {
        onSuccess: () => setRegistered({ name: values.displayName.trim(), email: values.email.trim(), method }),
        onError: (error) => {
          if (!(error instanceof ApiError)) {
            setGeneral([t('common.error')]);
            return;
          }
          const mapped = mapApiErrors(error, assistedFieldForAttr);
          form.setErrors(mapped.fields);
          setGeneral(mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [t('common.error')]);
          focusFirstError();
        },
      },
    );
  };

  if (registered)
    return (
      <WhatHappensNext
        registered={registered}
        onClose={onClose}
        onAnother={() => {
          form.reset();
          signUp.reset();
          setRegistered(null);
        }}
      />
    );

  if (!programme.signup_open)
    return (
      <Alert color="yellow.9" role="alert">
        {t('assisted.closed')}
      </Alert>
    );

  return (
    <form ref={formRef} onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
      <Stack>
        <Text size="sm">{t('assisted.intro')}</Text>
        {general.length > 0 && (
          <Alert color="red.9" role="alert" title={t('common.errorsTitle')} tabIndex={-1}>
            {general.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}

        <Fieldset legend={t('assisted.sections.about')}>
          <Stack gap="sm">
            <TextInput label={t('assisted.displayName')} required {...form.getInputProps('displayName')} />
            <TextInput label={t('assisted.fullName')} {...form.getInputProps('fullName')} />
            <TextInput
              label={t('assisted.email')}
              description={t('assisted.emailHint')}
              type="email"
              dir="ltr"
              {...form.getInputProps('email')}
            />
            <TextInput label={t('assisted.phone')} type="tel" dir="ltr" {...form.getInputProps('phone')} />
            <NativeSelect
              label={t('assisted.preferredLanguage')}
              data={UI_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
              {...form.getInputProps('preferredLanguage')}
            />
            <AddressChoice
              label={t('assisted.addressAs')}
              hint={t('assisted.addressAsHint')}
              value={form.values.addressAs}
              onChange={(value) => form.setFieldValue('addressAs', value)}
              error={form.errors.addressAs as string | undefined}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('assisted.sections.languages')}>
          <LanguageLevels
            value={form.values.languages}
            onChange={(next) => form.setFieldValue('languages', next)}
            errors={languageErrors}
            error={errorOf('languages')}
          />
        </Fieldset>

        <Fieldset legend={t('assisted.sections.work')}>
          <Stack gap="sm">
            <MultiSelect
              label={t('assisted.sectors')}
              searchable
              data={(sectors.data ?? []).map((s) => ({ value: s.code, label: s.label }))}
              {...form.getInputProps('sectors')}
            />
            <GoalChips
              label={t('assisted.goals')}
              value={form.values.goals}
              onChange={(next) => form.setFieldValue('goals', next)}
              error={errorOf('goals')}
            />
            <Textarea label={t('assisted.goalsText')} autosize minRows={2} {...form.getInputProps('goalsText')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('assisted.sections.place')}>
          <Stack gap="sm">
            <TextInput label={t('signup.city')} {...form.getInputProps('city')} />
            <Checkbox label={t('assisted.online')} {...form.getInputProps('online', { type: 'checkbox' })} />
            <Checkbox label={t('assisted.womanMentorOnly')} {...form.getInputProps('womanMentorOnly', { type: 'checkbox' })} />
            <Checkbox label={t('assisted.onlineOnly')} {...form.getInputProps('onlineOnly', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('assisted.sections.consent')}>
          <Stack gap="sm">
            <Text size="sm">{t('assisted.consentIntro')}</Text>
            <Blockquote p="md" dir="auto">
              {programme.consent_text}
            </Blockquote>
            <Radio.Group label={t('assisted.method')} required {...form.getInputProps('consentMethod')}>
              <Stack gap="xs" mt="xs">
                {CONSENT_METHODS.map((method) => (
                  <Radio key={method} value={method} label={t(`assisted.methods.${method}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <Checkbox label={t('assisted.consentGiven')} {...form.getInputProps('consentGiven', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="outline" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={signUp.isPending}>
            {t('assisted.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AssistedSignUpBody({ programmeId, onClose }: { programmeId: string; onClose: () => void }) {
  const programme = useProgramme(programmeId);
  return <QueryState query={programme}>{(data) => <AssistedSignUpForm programme={data} onClose={onClose} />}</QueryState>;
}

/** The dashboard's entry point: a button that opens the form in a dialog (full screen on a phone). */
export function AssistedSignUp({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <>
      <Button variant="light" w="fit-content" onClick={() => setOpened(true)}>
        {t('assisted.open')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('assisted.title')}
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && <AssistedSignUpBody programmeId={programmeId} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}
