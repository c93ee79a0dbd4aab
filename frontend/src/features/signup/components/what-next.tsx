import { Button, List, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function WhatNext() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" maw={640} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('next.title')}
        </Title>
        <List type="ordered" spacing="sm" size="lg">
          <List.Item>{t('next.step1')}</List.Item>
          <List.Item>{t('next.step2')}</List.Item>
          <List.Item>{t('next.step3')}</List.Item>
        </List>
        <Button component={Link} to="/me" size="md" w="fit-content">
          {t('next.seeStatus')}
        </Button>
      </Stack>
    </Paper>
  );
}
