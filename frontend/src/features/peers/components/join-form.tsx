// A frontline worker joins a peer network in six short steps: about her, her work, languages, topics,
// availability and what she shares with her group, consent. The server's field errors appear at their fields.
import {
  Button,
  Checkbox,
  Chip,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { isolate, LocalText } from '@/components/local-text';
import { ConsentText } from '@/components/consent-text';
import { useForm } from '@mantine/form';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import type { components } from '@/api/schema';
import { mapApiErrors } from '@/components/form-errors';
import { Loading, QueryState } from '@/components/query-state';
import { useLanguages, useReference } from '@/lib/reference';
import { useNetworkProgramme } from '../api/get-network-programme';
import { useJoinNetwork } from '../api/join-network';
import { countryOptions, type CountryCode } from '@/lib/countries';
import { JOIN_STEPS, joinFieldForAttr, joinStepOfField, type JoinStep, type JoinValues } from './join-fields';
import { Notice } from './notice';
import { DAYS, TIMES } from './slots';
import { ScrollTable } from './scroll-table';
import { PasswordField } from '@/components/password-field';
import { AddressChoice, type AddressChoiceValue } from '@/components/address-choice';

type Programme = components['schemas']['ProgrammeOutput'];
type InvitationAcceptInput = components['schemas']['InvitationAcceptInputRequest'];

/** Joining through an invitation's link (composed by app/routes/invitation.tsx): the address is the invitation's
 * (shown locked, partly hidden); logged in with the invited address, she skips the account step. */
export type InvitedJoin = {
  emailHint: string;
  loggedIn: boolean;
  submit: (body: InvitationAcceptInput) => Promise<unknown>;
};
type Level = components['schemas']['LevelEnum'];
type Slot = components['schemas']['AvailabilityEnum'];
const LEVELS: Level[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export function JoinNetworkPage({ programmeId, onDone }: { programmeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const programme = useNetworkProgramme(programmeId);
  return (
    <QueryState query={programme}>
      {(data) =>
        data.kind === 'peer_network' ? <JoinNetworkForm programme={data} onDone={onDone} /> : <Notice tone="warning">{t('peers.join.notANetwork')}</Notice>
      }
    </QueryState>
  );
}

function TopicChips({
  label,
  id,
  options,
  props,
}: {
  label: string;
  id: string;
  options: { code: string; label: string }[];
  props: { value: string[]; onChange: (value: string[]) => void; error?: unknown };
}) {
  return (
    <Stack gap={4} role="group" aria-labelledby={id}>
      <Text id={id} fw={500} size="sm">
        {label}
      </Text>
      <Chip.Group multiple value={props.value} onChange={props.onChange}>
        <Group gap="xs">
          {options.map((option) => (
            <Chip key={option.code} value={option.code} size="sm">
              {option.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {typeof props.error === 'string' && (
        <Text c="red.8" size="sm" role="alert">
          {props.error}
        </Text>
      )}
    </Stack>
  );
}

/** The language rows she starts with: the one she reads this page in, and no other (an "English" row without a
 * level, which a French reader never chose, made "Next" fail at once). */
export function firstLanguages(uiLanguage: string | undefined): { code: string; level: string }[] {
  return [{ code: uiLanguage ?? 'en', level: 'C2' }];
}

export function JoinNetworkForm({
  programme,
  onDone,
  invitation,
}: {
  programme: Programme;
  onDone: () => void;
  invitation?: InvitedJoin;
}) {
  const { t, i18n } = useTranslation();
  const steps = JOIN_STEPS.filter((name) => !(invitation?.loggedIn && name === 'account'));
  const [step, setStep] = useState<JoinStep>(steps[0] ?? 'account');
  const [joining, setJoining] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const join = useJoinNetwork(programme.id);
  const languages = useLanguages();
  const topics = useReference('topics');
  const roles = useReference('worker-roles');
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  const form = useForm<JoinValues>({
    initialValues: {
      displayName: '',
      addressAs: '' as AddressChoiceValue,
      email: '',
      password: '',
      phone: '',
      role: '',
      organisation: '',
      city: '',
      country: programme.country ?? '',
      languages: firstLanguages(i18n.resolvedLanguage),
      topicsExpertise: [],
      topicsInterest: [],
      availability: [],
      // Nothing personal is shared with her group until she ticks it herself.
      shareEmail: false,
      sharePhone: false,
      consent: false,
    },
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      const required = t('peers.join.required');
      if (step === 'account') {
        if (!values.displayName.trim()) errors.displayName = required;
        if (!invitation && !/^\S+@\S+\.\S+$/.test(values.email)) errors.email = t('peers.join.emailInvalid');
        if (values.password.length < 10) errors.password = t('peers.join.passwordShort');
      }
      if (step === 'work') {
        if (!values.role) errors.role = required;
        if (!values.organisation.trim()) errors.organisation = required;
        if (!values.city.trim()) errors.city = required;
        if (!values.country) errors.country = required;
      }
      if (step === 'languages') {
        if (values.languages.length === 0) errors.languages = t('peers.join.languageRequired');
        values.languages.forEach((language, index) => {
          if (!language.code) errors[`languages.${index}.code`] = required;
          if (!language.level) errors[`languages.${index}.level`] = required;
        });
      }
      if (step === 'topics' && values.topicsExpertise.length + values.topicsInterest.length === 0)
        errors.topicsInterest = t('peers.join.topicRequired');
      if (step === 'sharing' && values.sharePhone && !values.phone.trim()) errors.sharePhone = t('peers.join.phoneNeeded');
      if (step === 'consent' && !values.consent) errors.consent = t('peers.join.consentRequired');
      return errors;
    },
  });

  const index = steps.indexOf(step);
  const goTo = (next: JoinStep) => {
    setStep(next);
    // Focus the new step's heading so keyboard and screen-reader users know where they are.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const submit = (values: JoinValues) => {
    setGeneral([]);
    const account = {
      display_name: values.displayName.trim(),
      email: values.email.trim(),
      password: values.password,
      phone: values.phone.trim(),
      preferred_language: (i18n.resolvedLanguage ?? 'en') as 'en',
      address_as: values.addressAs,
    };
    const profile = {
      worker_role: values.role,
      organisation: values.organisation.trim(),
      city: values.city.trim(),
      country: values.country as CountryCode,
      online: true,
      languages: values.languages.map((l) => ({ code: l.code, level: l.level as Level })),
      topics_expertise: values.topicsExpertise,
      topics_interest: values.topicsInterest,
      availability: values.availability as Slot[],
      share_email: values.shareEmail,
      share_phone: values.sharePhone,
    };
    const consent = { given: values.consent, version: programme.consent_version ?? '' };
    const onError = (error: unknown) => {
      if (!(error instanceof ApiError)) {
        setGeneral([t('common.error')]);
        return;
      }
      const mapped = mapApiErrors(error, joinFieldForAttr);
      form.setErrors(mapped.fields);
      setGeneral(mapped.general);
      const first = Object.keys(mapped.fields)[0];
      goTo(first ? joinStepOfField(first) : step);
    };
    if (invitation) {
      // The invited address is the invitation's: the server takes it from there, never from the form.
      const { email: _email, ...invitedAccount } = account;
      setJoining(true);
      invitation
        .submit({ ...(invitation.loggedIn ? {} : { account: invitedAccount }), profile, consent })
        .then(onDone, onError)
        .finally(() => setJoining(false));
      return;
    }
    join.mutate({ role: 'frontline_worker', account, profile, consent }, { onSuccess: onDone, onError });
  };

  const onSubmit = form.onSubmit((values) => {
    const next = steps[index + 1];
    if (next) goTo(next);
    else submit(values);
  });

  if (!programme.signup_open && !invitation) return <Notice tone="warning">{t('peers.join.closed')}</Notice>;
  const topicOptions = topics.data ?? [];
  const toggleSlot = (slot: string, on: boolean) =>
    form.setFieldValue('availability', on ? [...form.values.availability, slot] : form.values.availability.filter((s) => s !== slot));

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} maw={720} mx="auto">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            {t('peers.join.title', { programme: isolate(programme.name) })}
          </Title>
          {index === 0 && <LocalText size="sm" text={programme.description} language={programme.text_languages.description} />}
          <Text size="sm">{t('peers.join.stepOf', { current: index + 1, total: steps.length })}</Text>
          <Progress.Root size="md">
            <Progress.Section
              value={((index + 1) / steps.length) * 100}
              aria-label={t('peers.join.stepOf', { current: index + 1, total: steps.length })}
            />
          </Progress.Root>
          <Title order={2} size="h4" ref={headingRef} tabIndex={-1}>
            {t(`peers.join.steps.${step}`)}
          </Title>
          {general.length > 0 && (
            <Notice tone="error" role="alert" title={t('common.errorsTitle')}>
              {general.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
            </Notice>
          )}

          {step === 'account' && (
            <>
              <TextInput label={t('peers.join.displayName')} autoComplete="given-name" required {...form.getInputProps('displayName')} />
              {invitation ? (
                <TextInput label={t('peers.join.email')} value={invitation.emailHint} readOnly disabled dir="ltr" />
              ) : (
                <TextInput label={t('peers.join.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
              )}
              <PasswordField
                label={t('peers.join.password')}
                description={t('peers.join.passwordHint')}
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
              <TextInput
                label={t('peers.join.phone')}
                description={t('peers.join.phoneHint')}
                type="tel"
                autoComplete="tel"
                {...form.getInputProps('phone')}
              />
              <AddressChoice
                value={form.values.addressAs}
                onChange={(value) => form.setFieldValue('addressAs', value)}
                error={form.errors.addressAs as string | undefined}
              />
            </>
          )}

          {step === 'work' && (
            <>
              <NativeSelect
                label={t('peers.join.role')}
                required
                data={[{ value: '', label: '—' }, ...(roles.data ?? []).map((r) => ({ value: r.code, label: r.label }))]}
                {...form.getInputProps('role')}
              />
              <TextInput label={t('peers.join.organisation')} autoComplete="organization" required {...form.getInputProps('organisation')} />
              <TextInput label={t('peers.join.city')} autoComplete="address-level2" required {...form.getInputProps('city')} />
              <Select
                label={t('peers.join.country')}
                searchable
                required
                data={countries}
                {...form.getInputProps('country')}
              />
            </>
          )}

          {step === 'languages' && (
            <>
              <Text>{t('peers.join.languagesIntro')}</Text>
              {languages.isPending && <Loading />}
              {form.values.languages.map((_, position) => (
                <Group key={position} align="end" wrap="wrap" gap="xs">
                  <Select
                    label={t('peers.join.language')}
                    searchable
                    required
                    data={(languages.data ?? []).map((l) => ({ value: l.code, label: l.label }))}
                    style={{ flex: '1 1 12rem' }}
                    {...form.getInputProps(`languages.${position}.code`)}
                  />
                  <NativeSelect
                    label={t('peers.join.level')}
                    required
                    data={[{ value: '', label: '—' }, ...LEVELS.map((level) => ({ value: level, label: t(`peers.levels.${level}`) }))]}
                    style={{ flex: '1 1 12rem' }}
                    {...form.getInputProps(`languages.${position}.level`)}
                  />
                  {form.values.languages.length > 1 && (
                    <Button variant="subtle" color="red.9" onClick={() => form.removeListItem('languages', position)}>
                      {t('peers.join.removeLanguage')}
                    </Button>
                  )}
                </Group>
              ))}
              {form.errors.languages && (
                <Text c="red.8" size="sm" role="alert">
                  {form.errors.languages}
                </Text>
              )}
              <Button variant="outline" w="fit-content" onClick={() => form.insertListItem('languages', { code: '', level: '' })}>
                {t('peers.join.addLanguage')}
              </Button>
            </>
          )}

          {step === 'topics' && (
            <>
              <Text>{t('peers.join.topicsIntro')}</Text>
              {topics.isPending && <Loading />}
              <TopicChips
                id="topics-expertise-label"
                label={t('peers.join.topicsExpertise')}
                options={topicOptions}
                props={form.getInputProps('topicsExpertise') as never}
              />
              <TopicChips
                id="topics-interest-label"
                label={t('peers.join.topicsInterest')}
                options={topicOptions}
                props={form.getInputProps('topicsInterest') as never}
              />
            </>
          )}

          {step === 'sharing' && (
            <>
              <Text>{t('peers.join.availabilityIntro')}</Text>
              <ScrollTable label={t('peers.join.availability')} minWidth={300}>
                <Table withTableBorder fz="sm" verticalSpacing={4} horizontalSpacing={6}>
                  <Table.Caption c="gray.7">{t('peers.join.availability')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('peers.join.day')}</Table.Th>
                      {TIMES.map((time) => (
                        <Table.Th scope="col" key={time}>
                          {t(`peers.times.${time}`)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {DAYS.map((day) => (
                      <Table.Tr key={day}>
                        <Table.Th scope="row" fw={400}>
                          {t(`peers.days.${day}`)}
                        </Table.Th>
                        {TIMES.map((time) => {
                          const slot = `${day}:${time}`;
                          return (
                            <Table.Td key={slot}>
                              <Checkbox
                                aria-label={t('peers.slot', { day: t(`peers.days.${day}`), time: t(`peers.times.${time}`) })}
                                checked={form.values.availability.includes(slot)}
                                onChange={(event) => toggleSlot(slot, event.currentTarget.checked)}
                              />
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              <Text>{t('peers.join.sharingIntro')}</Text>
              <Checkbox label={t('peers.join.shareEmail')} {...form.getInputProps('shareEmail', { type: 'checkbox' })} />
              <Checkbox label={t('peers.join.sharePhone')} {...form.getInputProps('sharePhone', { type: 'checkbox' })} />
            </>
          )}

          {step === 'consent' && (
            <>
              <Text>{t('peers.join.consentIntro')}</Text>
              <ConsentText
                text={programme.consent_text}
                language={programme.consent_language}
                languages={programme.consent_languages}
              />
              <Checkbox label={t('peers.join.consentCheck')} {...form.getInputProps('consent', { type: 'checkbox' })} />
            </>
          )}

          <Group justify="space-between">
            {index > 0 ? (
              <Button variant="outline" onClick={() => goTo(steps[index - 1] ?? 'account')}>
                {t('common.back')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={join.isPending || joining} size="md">
              {step === 'consent' ? t('peers.join.submit') : t('common.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
