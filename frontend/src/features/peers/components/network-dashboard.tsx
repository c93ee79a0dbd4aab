// The coordinator's dashboard of a peer network: rounds (open, form, review, publish), follow-up figures and
// the network of who has been grouped with whom.
import { Button, Group, NativeSelect, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '@/components/local-text';
import { Link } from '@/lib/router';
import { CloseProgramme } from '@/features/programmes/components/close-programme';
import { ProgrammeSettingsPanel } from '@/features/programmes/components/programme-settings';
import { ProgrammeTextsPanel } from '@/features/programmes/components/programme-texts';
import { QueryState } from '@/components/query-state';
import { useNetwork } from '../api/get-network';
import { useRounds } from '../api/get-rounds';
import type { Round } from '../api/types';
import { NetworkGraph } from './network-graph';
import { OpenRoundForm } from './open-round-form';
import { ParticipationPanel } from './participation-panel';
import { RoundPanel } from './round-panel';

const TABS = ['rounds', 'followup', 'network', 'texts', 'settings'] as const;
type Tab = (typeof TABS)[number];

function RoundsTab({ programmeId, rounds }: { programmeId: string; rounds: Round[] }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>();
  const [opening, setOpening] = useState(rounds.length === 0);
  const roundId = chosen ?? rounds[0]?.id;
  return (
    <Stack gap="md">
      <Group align="end" wrap="wrap" gap="sm">
        {rounds.length > 0 && (
          <NativeSelect
            label={t('peers.dashboard.round')}
            value={roundId}
            onChange={(event) => {
              setChosen(event.currentTarget.value);
              setOpening(false);
            }}
            data={rounds.map((round) => ({ value: round.id, label: `${round.name} – ${t(`peers.status.${round.status}`)}` }))}
            style={{ flex: '1 1 16rem' }}
            maw={480}
          />
        )}
        {!opening && (
          <Button variant="outline" onClick={() => setOpening(true)}>
            {t('peers.dashboard.newRound')}
          </Button>
        )}
      </Group>
      {opening && (
        <OpenRoundForm
          programmeId={programmeId}
          onOpened={(round) => {
            setChosen(round.id);
            setOpening(false);
          }}
        />
      )}
      {rounds.length === 0 && !opening && <Text>{t('peers.dashboard.noRounds')}</Text>}
      {roundId && !opening && <RoundPanel key={roundId} roundId={roundId} />}
    </Stack>
  );
}

function NetworkTab({ programmeId }: { programmeId: string }) {
  const network = useNetwork(programmeId);
  return <QueryState query={network}>{(data) => <NetworkGraph network={data} />}</QueryState>;
}

export function PeerNetworkDashboard({ programmeId, programmeName }: { programmeId: string; programmeName: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('rounds');
  const rounds = useRounds(programmeId);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('peers.dashboard.title', { programme: isolate(programmeName) })}
      </Title>
      <Button component={Link} to={`/coordinator/${programmeId}/import`} variant="light" w="fit-content">
        {t('imports.open')}
      </Button>
      <Button component={Link} to={`/coordinator/${programmeId}/reports`} variant="light" w="fit-content">{t('reports.open')}</Button>
      <Button component={Link} to={`/coordinator/${programmeId}/invitations`} variant="light" w="fit-content">
        {t('invitations.open')}
      </Button>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab) ?? 'rounds')} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {name === 'texts' ? t('programmeTexts.tab') : name === 'settings' ? t('programmeSettings.tab') : t(`peers.dashboard.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rounds" pt="md">
          <QueryState query={rounds}>{(list) => <RoundsTab programmeId={programmeId} rounds={list} />}</QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="followup" pt="md">
          <QueryState query={rounds}>{(list) => <ParticipationPanel rounds={list} />}</QueryState>
        </Tabs.Panel>
        <Tabs.Panel value="network" pt="md">
          <NetworkTab programmeId={programmeId} />
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
      </Tabs>
    </Stack>
  );
}
