import { Alert, Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/query-state';
import { useReference } from '@/lib/reference';
import { useDeclineMatch } from '../api/decline-match';

export function DeclineModal({ matchId, opened, onClose }: { matchId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const reasons = useReference('decline-reasons');
  const decline = useDeclineMatch();
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);

  return (
    <Modal opened={opened} onClose={onClose} title={t('matches.declineTitle')} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason) {
            setMissing(true);
            return;
          }
          decline.mutate({ matchId, reason, text }, { onSuccess: onClose });
        }}
      >
        <Stack>
          {decline.error && (
            <Alert color="red.9" role="alert">
              {decline.error.message}
            </Alert>
          )}
          {reasons.isPending ? (
            <Loading />
          ) : (
            <Radio.Group
              label={t('matches.declineReason')}
              required
              value={reason}
              onChange={(value) => {
                setReason(value);
                setMissing(false);
              }}
              error={missing ? t('signup.required') : undefined}
            >
              <Stack gap="xs" mt="xs">
                {(reasons.data ?? []).map((item) => (
                  <Radio key={item.code} value={item.code} label={item.label} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Textarea label={t('matches.declineText')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={decline.isPending}>
              {t('matches.confirmDecline')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
