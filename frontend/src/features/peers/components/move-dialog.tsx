// Move one person to another draft group. If the move breaks rules, the API says which (409): they are listed
// in words and the coordinator may confirm the move anyway.
import { Button, Group, List, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/query-state';
import { MoveBreaksRules, useMoveMember } from '../api/move-member';
import type { CoordinatorGroup, GroupMemberCard } from '../api/types';
import { Notice } from './notice';
import { translatePeerReason } from './peer-reasons';
import { formatList } from '@/lib/format';

export type MoveTarget = { member: GroupMemberCard; fromIndex: number };

export function MoveDialog({
  roundId,
  groups,
  target,
  topic,
  onClose,
}: {
  roundId: string;
  groups: CoordinatorGroup[];
  target: MoveTarget;
  topic: (code: string) => string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const move = useMoveMember(roundId);
  const choices = groups.filter((group) => group.index !== target.fromIndex);
  const [toGroup, setToGroup] = useState<string>(String(choices[0]?.index ?? ''));
  const names = new Map(groups.flatMap((group) => group.members.map((m) => [m.profile, m.name] as const)));
  const person = (id: string) => names.get(id) ?? t('peers.review.someone');
  const refusal = move.error instanceof MoveBreaksRules ? move.error : null;

  const send = (force: boolean) =>
    move.mutate({ worker: target.member.profile, to_group: Number(toGroup), force }, { onSuccess: onClose });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('peers.move.title', { name: target.member.name })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('peers.move.from', { group: target.fromIndex + 1 })}</Text>
        <NativeSelect
          label={t('peers.move.to')}
          value={toGroup}
          onChange={(event) => {
            setToGroup(event.currentTarget.value);
            move.reset();
          }}
          data={choices.map((group) => ({
            value: String(group.index),
            label: t('peers.move.groupOption', {
              group: group.index + 1,
              size: group.members.length,
              cities: formatList(group.cities),
            }),
          }))}
        />
        {refusal ? (
          <Notice tone="warning" role="alert" title={t('peers.move.breaksTitle')}>
            <Stack gap="xs">
              <List size="sm" spacing={2} data-testid="broken-rules">
                {refusal.brokenRules.map((rule, index) => (
                  <List.Item key={`${rule.code}-${index}`}>
                    {translatePeerReason(t, i18n.language, rule, { topic, person })}
                  </List.Item>
                ))}
              </List>
              <Text size="sm">{t('peers.move.confirmQuestion')}</Text>
            </Stack>
          </Notice>
        ) : (
          move.error && <ErrorAlert error={move.error} />
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="outline" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {refusal ? (
            <Button color="red.9" loading={move.isPending} onClick={() => send(true)}>
              {t('peers.move.anyway')}
            </Button>
          ) : (
            <Button loading={move.isPending} disabled={!toGroup} onClick={() => send(false)}>
              {t('peers.move.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
