// The audit trail in words: each action's label, who did it in which role, the state change and the reason.
import { NativeSelect, ScrollArea, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { useAudit } from '../api/get-audit';
import { formatDateTime } from '@/lib/format';

export const AUDIT_ACTIONS = [
  'run.start',
  'run.finish',
  'match.create',
  'match.swap',
  'match.approve',
  'match.reject',
  'match.accept',
  'match.decline',
  'match.expire',
  'match.end',
  'match.complete',
  'match.pause',
  'match.resume',
  'feedback.submit',
  'profile.read',
  'profile.recommendations',
  'programme.settings_change',
  'programme.close',
  'invitation.send',
  'invitation.revoke',
  'invitation.join',
] as const;

/** "match.approve" → "Pair approved" in the UI language; an unknown code is shown as it is. */
export function actionLabel(t: (key: string, options?: Record<string, unknown>) => string, action: string): string {
  return t(`dashboard.audit.actions.${action.replace('.', '_')}`, { defaultValue: action });
}

export function AuditPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const audit = useAudit(programmeId, action);
  const declineLabel = useLabels('decline-reasons');
  const endLabel = useLabels('end-reasons');
  const stateLabel = (state: unknown) => (typeof state === 'string' && state ? t(`matches.state.${state}`, { defaultValue: state }) : '');
  return (
    <Stack>
      <NativeSelect
        label={t('dashboard.audit.filter')}
        value={action}
        onChange={(event) => setAction(event.currentTarget.value)}
        data={[{ value: '', label: t('dashboard.audit.all') }, ...AUDIT_ACTIONS.map((code) => ({ value: code, label: actionLabel(t, code) }))]}
        maw={320}
      />
      <QueryState query={audit} isEmpty={(list) => list.length === 0} empty={t('coordinator.audit.none')}>
        {(list) => (
          // The viewport can be focused, so a keyboard can scroll the wide table on a phone.
          <ScrollArea type="auto" viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t('coordinator.tabs.audit') }}>
            <Table striped withTableBorder miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('coordinator.audit.when')}</Table.Th>
                  <Table.Th>{t('coordinator.audit.who')}</Table.Th>
                  <Table.Th>{t('coordinator.audit.action')}</Table.Th>
                  <Table.Th>{t('dashboard.audit.change')}</Table.Th>
                  <Table.Th>{t('coordinator.audit.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((event) => {
                  const detail = (event.detail ?? {}) as Record<string, unknown>;
                  const code = typeof detail.reason_code === 'string' ? detail.reason_code : '';
                  const codeLabel = code ? (event.action === 'match.end' ? endLabel(code) : declineLabel(code)) : '';
                  const from = stateLabel(detail.from);
                  const to = stateLabel(detail.to);
                  return (
                    <Table.Tr key={event.id} data-testid="audit-row">
                      <Table.Td>{formatDateTime(event.at)}</Table.Td>
                      <Table.Td>
                        {event.actor_name ? <bdi>{event.actor_name}</bdi> : t('dashboard.audit.system')}{' '}
                        {event.actor_role && `(${t(`roles.${event.actor_role}`, { defaultValue: t('dashboard.audit.system') })})`}
                      </Table.Td>
                      <Table.Td>{actionLabel(t, event.action)}</Table.Td>
                      <Table.Td>{from && to ? `${from} → ${to}` : '—'}</Table.Td>
                      <Table.Td dir="auto">{[codeLabel, event.reason].filter(Boolean).join(' – ') || '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </QueryState>
    </Stack>
  );
}
