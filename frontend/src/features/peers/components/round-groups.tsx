// A round's groups for its coordinators: members, why the group was formed (and what speaks against it),
// and, while a draft, a button per person to move her to another group.
import { Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoordinatorGroup } from '../api/types';
import { MoveDialog, type MoveTarget } from './move-dialog';
import { PROBLEM_CODES, translatePeerReason } from './peer-reasons';
import { ScrollTable } from './scroll-table';

/** The first groups are shown at once; the rest on request, so that a large round stays quick to read. */
const FIRST_GROUPS = 6;

type Labels = { topic: (code: string) => string; role: (code: string) => string };

function GroupReview({
  group,
  editable,
  labels,
  onMove,
  person,
}: {
  group: CoordinatorGroup;
  editable: boolean;
  labels: Labels;
  onMove: (target: MoveTarget) => void;
  person: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `draft-group-${group.id}`;
  const problems = group.reasons.filter((reason) => PROBLEM_CODES.has(reason.code));
  const strengths = group.reasons.filter((reason) => !PROBLEM_CODES.has(reason.code));
  return (
    <Card withBorder component="article" aria-labelledby={headingId} padding="sm" data-testid="draft-group">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={headingId}>
            {t('peers.review.group', { group: group.index + 1, size: group.members.length })}
          </Title>
          {problems.length > 0 && (
            <Badge color="orange.8" variant="outline" c="dark.9">
              {t('peers.review.needsLook')}
            </Badge>
          )}
        </Group>
        <List size="sm" spacing={2} aria-label={t('peers.review.reasons')}>
          {strengths.map((reason, index) => (
            <List.Item key={`s-${reason.code}-${index}`}>
              {translatePeerReason(t, i18n.language, reason, { topic: labels.topic, person })}
            </List.Item>
          ))}
          {problems.map((reason, index) => (
            <List.Item key={`p-${reason.code}-${index}`}>
              <Text span fw={700} size="sm">
                {t('peers.review.warning')}
              </Text>{' '}
              {translatePeerReason(t, i18n.language, reason, { topic: labels.topic, person })}
            </List.Item>
          ))}
        </List>
        <ScrollTable label={t('peers.review.membersOf', { group: group.index + 1 })} minWidth={420}>
          <Table striped withTableBorder verticalSpacing={4} fz="sm">
            <Table.Caption c="gray.7">{t('peers.review.membersOf', { group: group.index + 1 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('peers.review.name')}</Table.Th>
                <Table.Th scope="col">{t('peers.review.role')}</Table.Th>
                <Table.Th scope="col">{t('peers.review.city')}</Table.Th>
                <Table.Th scope="col">{t('peers.review.organisation')}</Table.Th>
                {editable && <Table.Th scope="col">{t('peers.review.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.members.map((member) => (
                <Table.Tr key={member.profile} data-profile={member.profile}>
                  <Table.Td dir="auto">{member.name}</Table.Td>
                  <Table.Td>{labels.role(member.role)}</Table.Td>
                  <Table.Td dir="auto">{member.city}</Table.Td>
                  <Table.Td dir="auto">{member.organisation}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="outline"
                        aria-label={t('peers.review.moveName', { name: member.name })}
                        onClick={() => onMove({ member, fromIndex: group.index })}
                      >
                        {t('peers.review.move')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Card>
  );
}

export function RoundGroups({
  roundId,
  groups,
  editable,
  labels,
}: {
  roundId: string;
  groups: CoordinatorGroup[];
  editable: boolean;
  labels: Labels;
}) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState<MoveTarget>();
  const [showAll, setShowAll] = useState(false);
  const names = new Map(groups.flatMap((group) => group.members.map((m) => [m.profile, m.name] as const)));
  const person = (id: string) => names.get(id) ?? t('peers.review.someone');
  if (groups.length === 0) return <Text>{t('peers.review.noGroups')}</Text>;
  return (
    <>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        {(showAll ? groups : groups.slice(0, FIRST_GROUPS)).map((group) => (
          <GroupReview key={group.id} group={group} editable={editable} labels={labels} onMove={setMoving} person={person} />
        ))}
      </SimpleGrid>
      {!showAll && groups.length > FIRST_GROUPS && (
        <Button variant="outline" w="fit-content" onClick={() => setShowAll(true)}>
          {t('peers.review.showAll', { number: groups.length })}
        </Button>
      )}
      {moving && (
        <MoveDialog roundId={roundId} groups={groups} target={moving} topic={labels.topic} onClose={() => setMoving(undefined)} />
      )}
    </>
  );
}
