import { ScrollArea, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useAudit } from '../api/get-audit';

export function AuditPanel({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useAudit(programmeId);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <QueryState query={audit} isEmpty={(list) => list.length === 0} empty={t('coordinator.audit.none')}>
      {(list) => (
        <ScrollArea type="auto">
          <Table striped withTableBorder miw={600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coordinator.audit.when')}</Table.Th>
                <Table.Th>{t('coordinator.audit.who')}</Table.Th>
                <Table.Th>{t('coordinator.audit.action')}</Table.Th>
                <Table.Th>{t('coordinator.audit.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td>{when.format(new Date(event.at))}</Table.Td>
                  <Table.Td>
                    {event.actor_name ?? '—'} {event.actor_role && `(${t(`roles.${event.actor_role}`, { defaultValue: event.actor_role })})`}
                  </Table.Td>
                  <Table.Td>
                    <code>{event.action}</code>
                  </Table.Td>
                  <Table.Td>{event.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </QueryState>
  );
}
