import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditPanel } from './audit-panel';
import { HealthPanel } from './health-panel';
import { ProposalsTable } from './proposals-table';
import { RunPanel } from './run-panel';
import { VerifyPanel } from './verify-panel';

const TABS = ['health', 'run', 'proposals', 'verify', 'audit'] as const;
type Tab = (typeof TABS)[number];

export function CoordinatorDashboard({ programmeId, programmeName }: { programmeId: string; programmeName: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('health');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('coordinator.title', { programme: programmeName })}
      </Title>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab) ?? 'health')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`coordinator.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="health" pt="md">
          <HealthPanel programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="run" pt="md">
          <RunPanel programmeId={programmeId} onReview={() => setTab('proposals')} />
        </Tabs.Panel>
        <Tabs.Panel value="proposals" pt="md">
          <ProposalsTable programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <VerifyPanel programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditPanel programmeId={programmeId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
