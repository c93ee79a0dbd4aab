// Duplicating a programme for its next cohort: the new name is all she gives; the settings and texts are copied,
// never the people, and its sign-up stays closed until she opens it.
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { isolate } from '@/components/local-text';
import { type OrganisationProgramme, useDuplicateProgramme } from '../api/organisations';

export function DuplicateDialog({
  organisationId,
  programme,
  onClose,
  onDuplicated,
}: {
  organisationId: string;
  programme: { id: string; name: string } | null;
  onClose: () => void;
  onDuplicated: (created: OrganisationProgramme) => void;
}) {
  const { t } = useTranslation();
  const duplicate = useDuplicateProgramme(organisationId);
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (value.trim() ? null : t('organisations.duplicate.nameRequired')) },
  });
  const close = () => {
    form.reset();
    setGeneral([]);
    onClose();
  };
  return (
    <Modal
      opened={programme !== null}
      onClose={close}
      title={programme ? t('organisations.duplicate.title', { programme: isolate(programme.name) }) : ''}
      closeButtonProps={{ 'aria-label': t('organisations.coordinators.close') }}
    >
      {programme && (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setGeneral([]);
            duplicate.mutate(
              { programmeId: programme.id, body: { name: values.name.trim(), coordinate: true } },
              {
                onSuccess: (created) => {
                  form.reset();
                  onDuplicated(created);
                },
                onError: (error) => {
                  if (!(error instanceof ApiError)) return setGeneral([t('common.error')]);
                  const mapped = mapApiErrors(error, (attr) => (attr === 'name' ? 'name' : null));
                  form.setErrors(mapped.fields);
                  setGeneral(mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [t('common.error')]);
                },
              },
            );
          })}
        >
          <Stack gap="sm">
            <Text size="sm">{t('organisations.duplicate.intro')}</Text>
            <TextInput label={t('organisations.duplicate.name')} required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
            {general.length > 0 && (
              <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
                {general.map((message) => (
                  <Text key={message} size="sm">
                    {message}
                  </Text>
                ))}
              </Alert>
            )}
            <Group gap="xs">
              <Button type="submit" loading={duplicate.isPending}>
                {t('organisations.duplicate.submit')}
              </Button>
              <Button variant="default" onClick={close}>
                {t('organisations.duplicate.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
