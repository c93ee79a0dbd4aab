// Deleting her account: what goes, what stays anonymously, and a typed confirmation word in her language.
import { Alert, Button, List, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { useEraseAccount } from '../api/erase-account';

export function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useTranslation();
  const erase = useEraseAccount();
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const word = t('privacy.deleteWord');
  const matches = typed.trim().toLocaleUpperCase() === word.toLocaleUpperCase();

  return (
    <Stack component="section" aria-labelledby="privacy-delete">
      <Title order={2} size="h3" id="privacy-delete">
        {t('privacy.deleteTitle')}
      </Title>
      <List spacing="xs">
        <List.Item>{t('privacy.deleteIntro')}</List.Item>
        <List.Item>{t('privacy.deleteOffers')}</List.Item>
        <List.Item>{t('privacy.deleteKept')}</List.Item>
      </List>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (matches) erase.mutate(undefined, { onSuccess: onDeleted });
        }}
      >
        <Stack>
          <TextInput
            label={t('privacy.deleteType', { word })}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            error={tried && !matches ? t('privacy.deleteMismatch', { word }) : undefined}
            autoComplete="off"
          />
          {erase.error && (
            <Alert color="red.9" role="alert">
              {erase.error instanceof ApiError ? erase.error.errors.map((e) => e.detail).join(' ') : t('common.error')}
            </Alert>
          )}
          <Button type="submit" color="red.9" loading={erase.isPending} w="fit-content">
            {t('privacy.deleteButton')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
