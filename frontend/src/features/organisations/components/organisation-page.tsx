// An organisation as its admin sees it (issue 15): all of its programmes, open or closed, with how many coordinators
// and people each has (never who), a new programme from a guided form, and each programme's coordinators in a
// dialog. The programmes she coordinates herself link to their dashboards.
import { Alert, Anchor, Button, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '@/components/local-text';
import { Empty, ErrorAlert, Loading } from '@/components/query-state';
import { formatNumber } from '@/lib/format';
import { Link } from '@/lib/router';
import { type OrganisationProgramme, useOrganisationProgrammes } from '../api/organisations';
import { CoordinatorsDialog } from './coordinators-dialog';
import { DuplicateDialog } from './duplicate-dialog';
import { NewProgrammeForm } from './new-programme-form';

function Created({ programme, onCoordinators }: { programme: OrganisationProgramme; onCoordinators: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Alert color="green.9" role="status">
      <Stack gap="xs">
        <Title order={2} size="h4" ref={heading} tabIndex={-1}>
          {t('organisations.created.title', { programme: isolate(programme.name) })}
        </Title>
        <Text size="sm">{t('organisations.created.next')}</Text>
        {!programme.signup_open && <Text size="sm">{t('organisations.created.signupLater')}</Text>}
        <Group gap="xs">
          <Button size="xs" onClick={onCoordinators}>
            {t('organisations.created.appoint')}
          </Button>
          {programme.coordinating && (
            // On the alert's tint an outline button is too faint to read; the default one is dark on white.
            <Button size="xs" variant="default" component={Link} to={`/coordinator/${programme.id}`}>
              {t('organisations.programmes.openDashboard')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

function ProgrammesTable({
  programmes,
  onCoordinators,
  onDuplicate,
}: {
  programmes: OrganisationProgramme[];
  onCoordinators: (programme: OrganisationProgramme) => void;
  onDuplicate: (programme: OrganisationProgramme) => void;
}) {
  const { t } = useTranslation();
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table withTableBorder withRowBorders verticalSpacing="xs" miw={640}>
        <Table.Caption c="dark">{t('organisations.programmes.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('organisations.programmes.name')}</Table.Th>
            <Table.Th scope="col">{t('organisations.programmes.kind')}</Table.Th>
            <Table.Th scope="col">{t('organisations.programmes.signup')}</Table.Th>
            <Table.Th scope="col">{t('organisations.programmes.coordinators')}</Table.Th>
            <Table.Th scope="col">{t('organisations.programmes.people')}</Table.Th>
            <Table.Th scope="col">{t('organisations.programmes.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {programmes.map((programme) => (
            <Table.Tr key={programme.id} data-testid="organisation-programme">
              <Table.Th scope="row" fw={500}>
                {programme.name}
              </Table.Th>
              <Table.Td>{t(`organisations.kinds.${programme.kind}`)}</Table.Td>
              <Table.Td>
                {programme.closed_at
                  ? t('organisations.programmes.ended')
                  : programme.signup_open
                    ? t('organisations.programmes.open')
                    : t('organisations.programmes.closed')}
              </Table.Td>
              <Table.Td>{formatNumber(programme.coordinator_count)}</Table.Td>
              <Table.Td>{formatNumber(programme.participant_count)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="wrap">
                  <Button
                    size="xs"
                    variant="outline"
                    onClick={() => onCoordinators(programme)}
                    aria-label={t('organisations.programmes.coordinatorsOf', { programme: programme.name })}
                  >
                    {t('organisations.programmes.manageCoordinators')}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    onClick={() => onDuplicate(programme)}
                    aria-label={t('organisations.programmes.duplicateOf', { programme: programme.name })}
                  >
                    {t('organisations.programmes.duplicate')}
                  </Button>
                  {programme.coordinating && (
                    <Button
                      size="xs"
                      variant="subtle"
                      component={Link}
                      to={`/coordinator/${programme.id}`}
                      aria-label={t('organisations.programmes.openDashboardOf', { programme: programme.name })}
                    >
                      {t('organisations.programmes.openDashboard')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

export function OrganisationPage({ organisationId, organisationName }: { organisationId: string; organisationName: string }) {
  const { t } = useTranslation();
  const programmes = useOrganisationProgrammes(organisationId);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<OrganisationProgramme | null>(null);
  const [managing, setManaging] = useState<{ id: string; name: string } | null>(null);
  const [duplicating, setDuplicating] = useState<{ id: string; name: string } | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1} size="h2">
          {organisationName}
        </Title>
        <Text>{t('organisations.intro')}</Text>
        <Anchor component={Link} to={`/organisations/${organisationId}/reports`} w="fit-content">
          {t('organisations.report')}
        </Anchor>
      </Stack>
      {created && <Created programme={created} onCoordinators={() => setManaging({ id: created.id, name: created.name })} />}
      {creating ? (
        <NewProgrammeForm
          organisationId={organisationId}
          onCreated={(programme) => {
            setCreating(false);
            setCreated(programme);
          }}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => newButton.current?.focus());
          }}
        />
      ) : (
        <Button
          ref={newButton}
          w="fit-content"
          onClick={() => {
            setCreated(null);
            setCreating(true);
          }}
        >
          {t('organisations.create.open')}
        </Button>
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('organisations.programmes.title')}
        </Title>
        {programmes.isPending ? (
          <Loading />
        ) : programmes.isError ? (
          <ErrorAlert error={programmes.error} onRetry={() => void programmes.refetch()} />
        ) : programmes.data.results.length === 0 ? (
          <Empty>{t('organisations.programmes.none')}</Empty>
        ) : (
          <ProgrammesTable
            programmes={programmes.data.results}
            onCoordinators={(programme) => setManaging({ id: programme.id, name: programme.name })}
            onDuplicate={(programme) => setDuplicating({ id: programme.id, name: programme.name })}
          />
        )}
      </Stack>
      <CoordinatorsDialog organisationId={organisationId} programme={managing} onClose={() => setManaging(null)} />
      <DuplicateDialog
        organisationId={organisationId}
        programme={duplicating}
        onClose={() => setDuplicating(null)}
        onDuplicated={(programme) => {
          setDuplicating(null);
          setCreating(false);
          setCreated(programme);
        }}
      />
    </Stack>
  );
}
