// After joining: what happens next in a peer network.
import { Button, List, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';

export function JoinedNetwork() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" maw={640} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('peers.joined.title')}
        </Title>
        <List type="ordered" spacing="sm" size="lg">
          <List.Item>{t('peers.joined.step1')}</List.Item>
          <List.Item>{t('peers.joined.step2')}</List.Item>
          <List.Item>{t('peers.joined.step3')}</List.Item>
        </List>
        <Button component={Link} to="/me" size="md" w="fit-content">
          {t('peers.joined.myPage')}
        </Button>
      </Stack>
    </Paper>
  );
}
