// Declining an offer or ending a match: a reason from the fixed list (required) plus optional words.
import { Alert, Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { Loading } from '@/components/query-state';
import { useReference } from '@/lib/reference';
import { useDeclineMatch } from '../api/decline-match';
import { useEndMatch } from '../api/end-match';

export function ReasonModal({
  kind,
  matchId,
  opened,
  onClose,
  onDone,
}: {
  kind: 'decline' | 'end';
  matchId: string;
  opened: boolean;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const reasons = useReference(kind === 'decline' ? 'decline-reasons' : 'end-reasons');
  const decline = useDeclineMatch();
  const end = useEndMatch();
  const action = kind === 'decline' ? decline : end;
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const fieldError = (name: string) => (action.error instanceof ApiError ? action.error.fieldErrors[name] : undefined);
  const generalError =
    action.error instanceof ApiError ? action.error.generalErrors.join(' ') : action.error ? t('common.error') : null;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={kind === 'decline' ? t('matches.declineTitle') : t('mentoring.end.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason) {
            setMissing(true);
            return;
          }
          action.mutate(
            { matchId, reason, text },
            {
              onSuccess: () => {
                onClose();
                onDone?.();
              },
            },
          );
        }}
      >
        <Stack>
          {kind === 'end' && <Alert color="blue">{t('mentoring.end.intro')}</Alert>}
          {generalError && (
            <Alert color="red.9" role="alert">
              {generalError}
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
              error={missing ? t('signup.required') : fieldError('reason')}
            >
              <Stack gap="xs" mt="xs">
                {(reasons.data ?? []).map((item) => (
                  <Radio key={item.code} value={item.code} label={item.label} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Textarea
            label={t('matches.declineText')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldError('text')}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={action.isPending}>
              {kind === 'decline' ? t('matches.confirmDecline') : t('mentoring.end.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
