import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text>{t('common.notFound')}</Text>
      <Anchor component={Link} to="/">
        {t('common.goHome')}
      </Anchor>
    </Stack>
  );
}
