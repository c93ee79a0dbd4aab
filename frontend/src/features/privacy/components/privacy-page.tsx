// The person's privacy page: consents, sensitive answers, her data, and deleting her account.
import { Anchor, Divider, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';
import { AddressSetting } from './address-setting';
import { ConsentList } from './consent-list';
import { DeleteAccount } from './delete-account';
import { MyData } from './my-data';
import { SensitiveAttributes } from './sensitive-attributes';

export function Deleted() {
  const { t } = useTranslation();
  return (
    <Stack role="status">
      <Title order={1}>{t('privacy.deleted')}</Title>
      <Anchor component={Link} to="/">
        {t('privacy.home')}
      </Anchor>
    </Stack>
  );
}

export function PrivacyPage({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('privacy.title')}</Title>
        <Text>{t('privacy.intro')}</Text>
      </Stack>
      <ConsentList />
      <Divider />
      <AddressSetting />
      <Divider />
      <SensitiveAttributes />
      <Divider />
      <MyData />
      <Divider />
      <DeleteAccount onDeleted={onDeleted} />
    </Stack>
  );
}

/** The page with its "deleted" end state, which shows once she is logged out. */
export function PrivacyJourney({ guard }: { guard: (page: ReactNode) => ReactNode }) {
  const [deleted, setDeleted] = useState(false);
  if (deleted) return <Deleted />;
  return <>{guard(<PrivacyPage onDeleted={() => setDeleted(true)} />)}</>;
}
