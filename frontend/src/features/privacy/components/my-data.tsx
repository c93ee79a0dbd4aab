// Her data: a JSON download and a readable page she can print.
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function MyData() {
  const { t, i18n } = useTranslation();
  return (
    <Stack component="section" aria-labelledby="privacy-data">
      <Title order={2} size="h3" id="privacy-data">
        {t('privacy.dataTitle')}
      </Title>
      <Text>{t('privacy.dataIntro')}</Text>
      <Group>
        <Anchor href={`/api/v1/me/data/?download=1&lang=${i18n.language}`} download="bridges-my-data.json">
          {t('privacy.download')}
        </Anchor>
        <Anchor href={`/api/v1/me/data/summary/?lang=${i18n.language}`} target="_blank" rel="noopener">
          {t('privacy.summary')}
        </Anchor>
      </Group>
    </Stack>
  );
}
