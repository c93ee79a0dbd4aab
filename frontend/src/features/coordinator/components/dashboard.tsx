import { Button, Group, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '@/components/local-text';
import { Link, useSearchParams } from '@/lib/router';
import { CloseProgramme } from '@/features/programmes/components/close-programme';
import { ProgrammeSettingsPanel } from '@/features/programmes/components/programme-settings';
import { ProgrammeTextsPanel } from '@/features/programmes/components/programme-texts';
import { AssistedSignUp } from './assisted-signup';
import { AuditPanel } from './audit-panel';
import { HandMatchPanel } from './hand-match-panel';
import { HealthPanel } from './health-panel';
import { MenteeRecord } from './mentee-record';
import { ProposalsTable } from './proposals-table';
import { RunPanel } from './run-panel';
import { VerifyPanel } from './verify-panel';
import { WaitingPanel } from './waiting-panel';

const TABS = ['health', 'run', 'proposals', 'hand', 'waiting', 'verify', 'texts', 'settings', 'audit'] as const;
type Tab = (typeof TABS)[number];

export function CoordinatorDashboard({ programmeId, programmeName }: { programmeId: string; programmeName: string }) {
  const { t } = useTranslation();
  // ?tab=waiting opens that tab (e.g. from the import's result: the mentees just imported).
  const [search] = useSearchParams();
  const [tab, setTab] = useState<Tab>(() => TABS.find((name) => name === search.get('tab')) ?? 'health');
  const [record, setRecord] = useState<string | null>(null);
  const label = (name: Tab) =>
    name === 'texts' ? t('programmeTexts.tab') : name === 'settings' ? t('programmeSettings.tab') : name === 'hand' || name === 'waiting' ? t(`dashboard.tabs.${name}`) : t(`coordinator.tabs.${name}`);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('coordinator.title', { programme: isolate(programmeName) })}
      </Title>
      <Group gap="sm">
        <AssistedSignUp programmeId={programmeId} />
        <Button component={Link} to={`/coordinator/${programmeId}/import`} variant="light">
          {t('imports.open')}
        </Button>
        <Button component={Link} to={`/coordinator/${programmeId}/reports`} variant="light">{t('reports.open')}</Button>
        <Button component={Link} to={`/coordinator/${programmeId}/invitations`} variant="light">
          {t('invitations.open')}
        </Button>
        <Button component={Link} to={`/programmes/${programmeId}/model`} variant="light">
          {t('learning.open')}
        </Button>
      </Group>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab) ?? 'health')} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {label(name)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="health" pt="md">
          <HealthPanel programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="run" pt="md">
          <RunPanel programmeId={programmeId} onReview={() => setTab('proposals')} onOpenRecord={setRecord} />
        </Tabs.Panel>
        <Tabs.Panel value="proposals" pt="md">
          <ProposalsTable programmeId={programmeId} onOpenRecord={setRecord} />
        </Tabs.Panel>
        <Tabs.Panel value="hand" pt="md">
          <HandMatchPanel programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="waiting" pt="md">
          <WaitingPanel programmeId={programmeId} onOpenRecord={setRecord} />
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <VerifyPanel programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="texts" pt="md">
          <Stack gap="xl">
            <ProgrammeTextsPanel programmeId={programmeId} />
            <CloseProgramme programmeId={programmeId} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <ProgrammeSettingsPanel programmeId={programmeId} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditPanel programmeId={programmeId} />
        </Tabs.Panel>
      </Tabs>
      <MenteeRecord programmeId={programmeId} profileId={record} onClose={() => setRecord(null)} />
    </Stack>
  );
}
