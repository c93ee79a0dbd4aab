import { Button, List, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@/lib/router';

/** After sign-up: what happens next, in three plain steps (a mentor is verified first). */
export function WhatNext({ role = 'mentee' }: { role?: 'mentee' | 'mentor' }) {
  const { t } = useTranslation();
  const steps =
    role === 'mentee'
      ? [t('next.step1'), t('next.step2'), t('next.step3')]
      : [t('mentoring.next.step1'), t('mentoring.next.step2'), t('mentoring.next.step3')];
  return (
    <Paper withBorder p="lg" maw={640} mx="auto">
      <Stack>
        <Title order={1} size="h2">
          {t('next.title')}
        </Title>
        <List type="ordered" spacing="sm" size="lg">
          {steps.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
        <Button component={Link} to="/me" size="md" w="fit-content">
          {t('next.seeStatus')}
        </Button>
      </Stack>
    </Paper>
  );
}
