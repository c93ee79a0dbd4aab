// Her own setting for how texts about her are worded, changed at any time (PATCH /me).
import { Alert, Button, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { AddressChoice, type AddressChoiceValue } from '@/components/address-choice';
import { meQueryKey, useMe } from '@/lib/auth';

export function AddressSetting() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<AddressChoiceValue>('');
  useEffect(() => setValue((me.data?.address_as ?? '') as AddressChoiceValue), [me.data?.address_as]);
  const save = useMutation({
    mutationFn: async (address_as: AddressChoiceValue) => unwrap(await api.PATCH('/api/v1/me/', { body: { address_as } })),
    onSuccess: (data) => queryClient.setQueryData(meQueryKey, data),
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="address-setting">
      <Title order={2} size="h3" id="address-setting">
        {t('address.title')}
      </Title>
      <AddressChoice value={value} onChange={(next) => { setValue(next); save.reset(); }} />
      <div>
        <Button onClick={() => save.mutate(value)} loading={save.isPending}>
          {t('address.save')}
        </Button>
      </div>
      {save.isSuccess && <Alert role="status">{t('address.saved')}</Alert>}
      {save.isError && <Alert color="red" role="alert">{save.error.message}</Alert>}
    </Stack>
  );
}
