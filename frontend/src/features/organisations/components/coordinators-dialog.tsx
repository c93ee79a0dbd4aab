// A programme's coordinators, as its organisation's admin manages them: who they are (an invited one who has not
// set her password yet is marked), appointing one by email (a new account gets a link to set its password), and
// removing one after a confirmation. The last coordinator cannot be removed: the server's words say why.
import { Alert, Button, Group, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { mapApiErrors } from '@/components/form-errors';
import { isolate } from '@/components/local-text';
import { ErrorAlert, Loading } from '@/components/query-state';
import { formatDate } from '@/lib/format';
import { type Appointment, type Coordinator, useAppointCoordinator, useCoordinators, useRemoveCoordinator } from '../api/organisations';

function errorWords(error: unknown, fallback: string): string[] {
  if (error instanceof ApiError && error.errors.length > 0) return error.errors.map((item) => item.detail);
  return [fallback];
}

function AppointForm({ organisationId, programmeId }: { organisationId: string; programmeId: string }) {
  const { t } = useTranslation();
  const appoint = useAppointCoordinator(organisationId, programmeId);
  const [answer, setAnswer] = useState<Appointment | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    initialValues: { email: '', displayName: '' },
    validate: { email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('organisations.coordinators.emailInvalid')) },
  });
  return (
    <form
      noValidate
      aria-labelledby={`appoint-${programmeId}`}
      onSubmit={form.onSubmit((values) => {
        setAnswer(null);
        setGeneral([]);
        const displayName = values.displayName.trim();
        appoint.mutate(
          { email: values.email.trim(), ...(displayName ? { display_name: displayName } : {}) },
          {
            onSuccess: (result) => {
              setAnswer(result);
              form.reset();
            },
            onError: (error) => {
              if (!(error instanceof ApiError)) return setGeneral([t('common.error')]);
              const mapped = mapApiErrors(error, (attr) => (attr === 'email' ? 'email' : attr === 'display_name' ? 'displayName' : null));
              form.setErrors(mapped.fields);
              setGeneral(mapped.general.length || Object.keys(mapped.fields).length ? mapped.general : [t('common.error')]);
            },
          },
        );
      })}
    >
      <Stack gap="sm">
        <Title order={3} size="h4" id={`appoint-${programmeId}`}>
          {t('organisations.coordinators.appointTitle')}
        </Title>
        <Text size="sm">{t('organisations.coordinators.appointIntro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="email"
            autoComplete="off"
            label={t('organisations.coordinators.email')}
            required
           
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('organisations.coordinators.displayName')}
            description={t('organisations.coordinators.displayNameHelp')}
            autoComplete="off"
           
            {...form.getInputProps('displayName')}
          />
        </SimpleGrid>
        <Button type="submit" w="fit-content" loading={appoint.isPending}>
          {t('organisations.coordinators.appoint')}
        </Button>
        {answer && (
          <Alert color={answer.already ? 'blue.9' : 'green.9'} role="status">
            {answer.already
              ? t('organisations.coordinators.already', { email: isolate(answer.coordinator.email) })
              : answer.new_account
                ? t('organisations.coordinators.appointedNew', { email: isolate(answer.coordinator.email) })
                : t('organisations.coordinators.appointedExisting', { email: isolate(answer.coordinator.email) })}
          </Alert>
        )}
        {general.length > 0 && (
          <Alert color="red.9" role="alert" title={t('common.errorsTitle')}>
            {general.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

function CoordinatorRow({
  coordinator,
  confirming,
  removing,
  onAsk,
  onConfirm,
  onCancel,
}: {
  coordinator: Coordinator;
  confirming: boolean;
  removing: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="coordinator-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {coordinator.display_name}
        </Text>
        {!coordinator.password_set && (
          <Text size="sm" c="gray.8" fs="italic">
            {t('organisations.coordinators.invited')}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <span dir="ltr">{coordinator.email}</span>
      </Table.Td>
      <Table.Td>{formatDate(coordinator.since)}</Table.Td>
      <Table.Td>
        {confirming ? (
          <Stack gap={4}>
            <Text size="sm">{t('organisations.coordinators.confirm', { name: isolate(coordinator.display_name) })}</Text>
            <Group gap="xs">
              <Button size="xs" color="red.9" loading={removing} onClick={onConfirm}>
                {t('organisations.coordinators.confirmYes')}
              </Button>
              <Button size="xs" variant="outline" onClick={onCancel}>
                {t('organisations.coordinators.confirmNo')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Button
            size="xs"
            variant="outline"
            color="red.9"
            onClick={onAsk}
            aria-label={t('organisations.coordinators.removeNamed', { name: coordinator.display_name })}
          >
            {t('organisations.coordinators.remove')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function CoordinatorsList({ organisationId, programmeId }: { organisationId: string; programmeId: string }) {
  const { t } = useTranslation();
  const coordinators = useCoordinators(programmeId);
  const remove = useRemoveCoordinator(organisationId, programmeId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string[]>([]);
  if (coordinators.isPending) return <Loading />;
  if (coordinators.isError) return <ErrorAlert error={coordinators.error} onRetry={() => void coordinators.refetch()} />;
  const rows = coordinators.data.results;
  return (
    <Stack gap="sm">
      {removeError.length > 0 && (
        <Alert color="red.9" role="alert" title={t('organisations.coordinators.notRemoved')}>
          {removeError.map((message) => (
            <Text key={message} size="sm">
              {message}
            </Text>
          ))}
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text size="sm">{t('organisations.coordinators.none')}</Text>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Table withTableBorder withRowBorders verticalSpacing="xs" miw={560}>
            <Table.Caption c="dark">{t('organisations.coordinators.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organisations.coordinators.name')}</Table.Th>
                <Table.Th scope="col">{t('organisations.coordinators.email')}</Table.Th>
                <Table.Th scope="col">{t('organisations.coordinators.since')}</Table.Th>
                <Table.Th scope="col">{t('organisations.coordinators.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((coordinator) => (
                <CoordinatorRow
                  key={coordinator.id}
                  coordinator={coordinator}
                  confirming={confirming === coordinator.id}
                  removing={remove.isPending}
                  onAsk={() => {
                    setRemoveError([]);
                    setConfirming(coordinator.id);
                  }}
                  onCancel={() => setConfirming(null)}
                  onConfirm={() =>
                    remove.mutate(coordinator.id, {
                      onSuccess: () => setConfirming(null),
                      onError: (error) => {
                        setConfirming(null);
                        setRemoveError(errorWords(error, t('common.error')));
                      },
                    })
                  }
                />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}

export function CoordinatorsDialog({
  organisationId,
  programme,
  onClose,
}: {
  organisationId: string;
  programme: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={programme !== null}
      onClose={onClose}
      size="xl"
      title={programme ? t('organisations.coordinators.title', { programme: isolate(programme.name) }) : ''}
      closeButtonProps={{ 'aria-label': t('organisations.coordinators.close') }}
    >
      {programme && (
        <Stack gap="lg">
          <CoordinatorsList organisationId={organisationId} programmeId={programme.id} />
          <AppointForm organisationId={organisationId} programmeId={programme.id} />
        </Stack>
      )}
    </Modal>
  );
}
