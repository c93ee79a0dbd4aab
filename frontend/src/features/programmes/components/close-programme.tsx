// The end of a programme, for its coordinators: what closing does, said before she does it, and a confirmation.
// Once closed, the section says since when; the figures stay (the report) and nothing new can start.
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/query-state';
import { formatDate, formatNumber } from '@/lib/format';
import { useCloseProgramme, useProgramme } from '../api/close-programme';

export function CloseProgramme({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const programme = useProgramme(programmeId);
  const close = useCloseProgramme(programmeId);
  const [confirming, setConfirming] = useState(false);
  const closedAt = programme.data?.closed_at;
  return (
    <Stack gap="xs" component="section" aria-labelledby={`close-${programmeId}`} data-testid="close-programme">
      <Title order={2} size="h4" id={`close-${programmeId}`}>
        {t('programmeTexts.close.title')}
      </Title>
      {closedAt ? (
        <Alert color="gray.8" role="status">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('programmeTexts.close.closedSince', { date: formatDate(closedAt) })}
            </Text>
            {close.data && <Text size="sm">{t('programmeTexts.close.withdrawn', { count: close.data.offers_withdrawn, n: formatNumber(close.data.offers_withdrawn) })}</Text>}
            <Text size="sm">{t('programmeTexts.close.after')}</Text>
          </Stack>
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('programmeTexts.close.what')}</Text>
          {confirming ? (
            <Alert color="red.9" title={t('programmeTexts.close.sure')}>
              <Stack gap="xs">
                <Text size="sm">{t('programmeTexts.close.cannotUndo')}</Text>
                <Group gap="xs">
                  <Button color="red.9" loading={close.isPending} onClick={() => close.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
                    {t('programmeTexts.close.confirm')}
                  </Button>
                  <Button variant="default" onClick={() => setConfirming(false)}>
                    {t('programmeTexts.close.keep')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <Button variant="outline" color="red.9" w="fit-content" onClick={() => setConfirming(true)}>
              {t('programmeTexts.close.open')}
            </Button>
          )}
        </>
      )}
      {close.isError && <ErrorAlert error={close.error} />}
    </Stack>
  );
}
