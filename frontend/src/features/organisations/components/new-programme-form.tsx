// A new programme of her organisation, in a guided form: what kind (a mentoring programme or a peer network, each
// said in one plain line), its name, where it runs, the languages it runs in, whether sign-up opens now or once it is
// set up (later, by default), and whether she coordinates it herself (yes, by default). The server's words for a
// refused field are shown on that field, in her language.
import { Alert, Button, Checkbox, Group, MultiSelect, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { countryOptions } from '@/lib/countries';
import { useLanguages } from '@/lib/reference';
import { type OrganisationProgramme, type ProgrammeCreateInput, useCreateProgramme } from '../api/organisations';

type Values = {
  kind: '' | ProgrammeCreateInput['kind'];
  name: string;
  city: string;
  country: string;
  online: boolean;
  languages: string[];
  signup: 'later' | 'now';
  coordinate: boolean;
};

const FIELDS: Record<string, keyof Values> = {
  kind: 'kind',
  name: 'name',
  name_language: 'name',
  city: 'city',
  country: 'country',
  online: 'online',
  signup_open: 'signup',
  coordinate: 'coordinate',
};

function fieldForAttr(attr: string): string | null {
  if (attr === 'languages' || attr.startsWith('languages.')) return 'languages';
  return FIELDS[attr] ?? null;
}

export function NewProgrammeForm({
  organisationId,
  onCreated,
  onCancel,
}: {
  organisationId: string;
  onCreated: (programme: OrganisationProgramme) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const create = useCreateProgramme(organisationId);
  const languages = useLanguages();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const form = useForm<Values>({
    initialValues: { kind: '', name: '', city: '', country: '', online: false, languages: [], signup: 'later', coordinate: true },
    validate: {
      kind: (value) => (value ? null : t('organisations.create.kindRequired')),
      name: (value) => (value.trim() ? null : t('organisations.create.nameRequired')),
      languages: (value) => (value.length > 0 ? null : t('organisations.create.languagesRequired')),
    },
  });
  const mapped = create.error instanceof ApiError ? mapApiErrors(create.error, fieldForAttr) : null;
  // A refusal without words for a field (the network, the server down) still says that it failed.
  const general = mapped ? (mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [t('common.error')]) : create.isError ? [t('common.error')] : [];

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
      <form
        noValidate
        aria-labelledby="new-programme-title"
        onSubmit={form.onSubmit((values) => {
          if (!values.kind) return;
          const body: ProgrammeCreateInput = {
            kind: values.kind,
            name: values.name.trim(),
            city: values.city.trim(),
            country: values.country as ProgrammeCreateInput['country'],
            online: values.online,
            languages: values.languages,
            signup_open: values.signup === 'now',
            coordinate: values.coordinate,
          };
          create.mutate(body, {
            onSuccess: (programme) => {
              form.reset();
              onCreated(programme);
            },
            onError: (error) => {
              if (error instanceof ApiError) form.setErrors(mapApiErrors(error, fieldForAttr).fields);
            },
          });
        })}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="new-programme-title">
            {t('organisations.create.title')}
          </Title>
          <Radio.Group label={t('organisations.create.kind')} required {...form.getInputProps('kind')}>
            <Stack gap="sm" mt="xs">
              <Radio value="mentoring" label={t('organisations.kinds.mentoring')} description={t('organisations.create.kindHelp.mentoring')} />
              <Radio
                value="peer_network"
                label={t('organisations.kinds.peer_network')}
                description={t('organisations.create.kindHelp.peer_network')}
              />
            </Stack>
          </Radio.Group>
          <TextInput label={t('organisations.create.name')} description={t('organisations.create.nameHelp')} required {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('organisations.create.city')} {...form.getInputProps('city')} />
            <NativeSelect
              label={t('organisations.create.country')}
             
              data={[{ value: '', label: '—' }, ...countries]}
              {...form.getInputProps('country')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('organisations.create.online')}
            description={t('organisations.create.onlineHelp')}
            {...form.getInputProps('online', { type: 'checkbox' })}
          />
          <MultiSelect
            label={t('organisations.create.languages')}
            description={t('organisations.create.languagesHelp')}
            required
            searchable
            hidePickedOptions
            data={(languages.data ?? []).map((language) => ({ value: language.code, label: language.label }))}
            {...form.getInputProps('languages')}
          />
          <Radio.Group label={t('organisations.create.signup')} {...form.getInputProps('signup')}>
            <Stack gap="sm" mt="xs">
              <Radio value="later" label={t('organisations.create.signupLater')} description={t('organisations.create.signupLaterHelp')} />
              <Radio value="now" label={t('organisations.create.signupNow')} description={t('organisations.create.signupNowHelp')} />
            </Stack>
          </Radio.Group>
          <Checkbox
            label={t('organisations.create.coordinate')}
            description={t('organisations.create.coordinateHelp')}
            {...form.getInputProps('coordinate', { type: 'checkbox' })}
          />
          {general.length > 0 && (
            <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
              {general.map((message) => (
                <Text key={message} size="sm">
                  {message}
                </Text>
              ))}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('organisations.create.submit')}
            </Button>
            <Button variant="outline" onClick={onCancel}>
              {t('organisations.create.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
