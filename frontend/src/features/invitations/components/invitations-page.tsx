// A coordinator's invitations (issue 15): invite one address or a pasted list in a role and a language, see what
// happened to each address, and every invitation's state with Resend and Revoke (revoking asks first).
import { Anchor, Badge, Box, Paper, Button, Group, Modal, Select, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { useProgramme } from '@/lib/programme';
import { ErrorAlert, Empty, QueryState } from '@/components/query-state';
import {
  type Invitation,
  type InvitableRole,
  type InvitationState,
  type InviteResult,
  splitAddresses,
  useInvitationAction,
  useInvitations,
  useSendInvitations,
} from '../api/invitations';

const LANGUAGES = ['en', 'de', 'fr', 'ar', 'uk'] as const;
const STATES: InvitationState[] = ['sent', 'opened', 'joined', 'expired', 'revoked'];
const STATE_COLOURS: Record<InvitationState, string> = {
  sent: 'blue',
  opened: 'violet',
  joined: 'green',
  expired: 'gray',
  revoked: 'red',
};
const OUTCOME_COLOURS: Record<InviteResult['outcome'], string> = {
  invited: 'green',
  resent: 'blue',
  already_member: 'gray',
  invalid: 'red',
};

function rolesFor(kind: string): InvitableRole[] {
  return kind === 'peer_network' ? ['frontline_worker', 'coordinator'] : ['mentor', 'employer', 'coordinator'];
}

function useDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium' });
  return (value: string | null | undefined) => (value ? format.format(new Date(value)) : '–');
}

function InviteForm({ programmeId, kind, languages }: { programmeId: string; kind: string; languages: string[] }) {
  const { t } = useTranslation();
  const roles = rolesFor(kind);
  const [role, setRole] = useState<InvitableRole>(roles[0] ?? 'mentor');
  const firstLanguage = LANGUAGES.find((code) => code === languages[0]) ?? 'en';
  const [language, setLanguage] = useState<string>(firstLanguage);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useSendInvitations(programmeId);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const emails = splitAddresses(text);
    if (emails.length === 0) {
      setError(t('invitations.form.emailsRequired'));
      return;
    }
    if (emails.length > 500) {
      setError(t('invitations.form.tooMany', { max: 500 }));
      return;
    }
    setError(null);
    send.mutate({ role, emails, language: language as 'en' }, { onSuccess: () => setText('') });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('invitations.form.title')}
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('invitations.form.role')}
            data={roles.map((value) => ({ value, label: t(`invitations.roles.${value}`) }))}
            value={role}
            onChange={(value) => value && setRole(value as InvitableRole)}
            allowDeselect={false}
            miw={200}
          />
          <Select
            label={t('invitations.form.language')}
            description={t('invitations.form.languageHint')}
            data={LANGUAGES.map((value) => ({ value, label: t(`invitations.languages.${value}`) }))}
            value={language}
            onChange={(value) => value && setLanguage(value)}
            allowDeselect={false}
            miw={200}
          />
        </Group>
        <Textarea
          label={t('invitations.form.emails')}
          description={t('invitations.form.emailsHint')}
          autosize
          minRows={3}
          maxRows={12}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={error}
          dir="ltr"
        />
        <Button type="submit" loading={send.isPending} w="fit-content">
          {t('invitations.form.send')}
        </Button>
        {send.isError && <ErrorAlert error={send.error} />}
        {send.data && <Results results={send.data.results} />}
      </Stack>
    </form>
  );
}

function Results({ results }: { results: InviteResult[] }) {
  const { t } = useTranslation();
  const counts = Object.fromEntries(
    (['invited', 'resent', 'already_member', 'invalid'] as const).map((outcome) => [outcome, results.filter((r) => r.outcome === outcome).length]),
  );
  return (
    <Paper withBorder p="md" role="status">
      <Stack gap="xs">
        <Text fw={700}>{t('invitations.results.title')}</Text>
        <Text size="sm">{t('invitations.results.summary', { invited: counts.invited, resent: counts.resent, skipped: (counts.already_member ?? 0) + (counts.invalid ?? 0) })}</Text>
        <Table>
          <Table.Tbody>
            {results.map((result) => (
              <Table.Tr key={result.email}>
                <Table.Td dir="ltr" style={{ wordBreak: 'break-all' }}>
                  {result.email}
                </Table.Td>
                <Table.Td>
                  <Badge color={OUTCOME_COLOURS[result.outcome]} variant="light" c="dark.9">
                    {t(`invitations.outcomes.${result.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{result.detail}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function InvitationRow({ invitation, programmeId, onRevoke }: { invitation: Invitation; programmeId: string; onRevoke: (invitation: Invitation) => void }) {
  const { t } = useTranslation();
  const date = useDate();
  const resend = useInvitationAction(programmeId, 'resend');
  const live = invitation.state !== 'joined' && invitation.state !== 'revoked';
  return (
    <Table.Tr>
      <Table.Td dir="ltr" style={{ wordBreak: 'break-all' }}>
        {invitation.email}
      </Table.Td>
      <Table.Td>{t(`invitations.roles.${invitation.role}`)}</Table.Td>
      <Table.Td>
        <Badge color={STATE_COLOURS[invitation.state]} variant="light" c="dark.9">
          {t(`invitations.states.${invitation.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{date(invitation.sent_at)}</Table.Td>
      <Table.Td>{date(invitation.opened_at)}</Table.Td>
      <Table.Td>{date(invitation.expires_at)}</Table.Td>
      <Table.Td>
        {live && (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="light" loading={resend.isPending} onClick={() => resend.mutate(invitation.id)}>
              {t('invitations.table.resend')}
            </Button>
            <Button size="xs" variant="outline" color="red.9" onClick={() => onRevoke(invitation)}>
              {t('invitations.table.revoke')}
            </Button>
          </Group>
        )}
        {resend.isError && <ErrorAlert error={resend.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

function InvitationsTable({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<InvitationState | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const invitations = useInvitations(programmeId, state ?? undefined);
  const revoke = useInvitationAction(programmeId, 'revoke');
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h4">
          {t('invitations.table.title')}
        </Title>
        <Select
          label={t('invitations.table.filter')}
          placeholder={t('invitations.table.all')}
          data={STATES.map((value) => ({ value, label: t(`invitations.states.${value}`) }))}
          value={state}
          onChange={(value) => setState(value as InvitationState | null)}
          clearable
          maw={220}
        />
      </Group>
      <QueryState query={invitations}>
        {(page) =>
          page.results.length === 0 ? (
            <Empty>{t('invitations.table.empty')}</Empty>
          ) : (
            // A wide table on a phone scrolls sideways; the scrolling box takes keyboard focus so it scrolls without a mouse.
            <Box role="region" aria-label={t('invitations.table.title')} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
              <Box miw={720}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('invitations.table.email')}</Table.Th>
                      <Table.Th>{t('invitations.table.role')}</Table.Th>
                      <Table.Th>{t('invitations.table.state')}</Table.Th>
                      <Table.Th>{t('invitations.table.sent')}</Table.Th>
                      <Table.Th>{t('invitations.table.opened')}</Table.Th>
                      <Table.Th>{t('invitations.table.expires')}</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>{t('invitations.table.actions')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.results.map((invitation) => (
                      <InvitationRow key={invitation.id} invitation={invitation} programmeId={programmeId} onRevoke={setRevoking} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Box>
            </Box>
          )
        }
      </QueryState>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('invitations.revoke.title')}>
        <Stack>
          <Text>{t('invitations.revoke.body', { email: revoking?.email ?? '' })}</Text>
          {revoke.isError && <ErrorAlert error={revoke.error} />}
          <Group justify="flex-end">
            <Button variant="outline" onClick={() => setRevoking(null)}>
              {t('invitations.revoke.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
            >
              {t('invitations.revoke.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function InvitationsPage({ programmeId, programmeName, kind }: { programmeId: string; programmeName: string; kind: string }) {
  const { t } = useTranslation();
  const programme = useProgramme(programmeId);
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} to={`/coordinator/${programmeId}`} size="sm">
          {t('invitations.back')}
        </Anchor>
        <Title order={1} size="h2">
          {t('invitations.title', { programme: programmeName })}
        </Title>
        <Text>{t('invitations.intro')}</Text>
      </Stack>
      <QueryState query={programme}>
        {(data) => <InviteForm programmeId={programmeId} kind={kind} languages={data.languages ?? []} />}
      </QueryState>
      <InvitationsTable programmeId={programmeId} />
    </Stack>
  );
}
