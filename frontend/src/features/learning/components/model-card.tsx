// The model card of a programme's success model (issue 17), for its coordinators: plain words first (what it was
// trained on, how well it tells pairs apart on mentors it had not seen, whether its chances mean what they say),
// then the plots (calibration, feature effects, backtest), how many more outcomes it needs when it was refused,
// "Train now" and the versions.
import { Alert, Anchor, Badge, Box, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, QueryState } from '@/components/query-state';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '@/lib/format';
import { Link } from '@/lib/router';
import {
  type ModelAttempt,
  type ModelBacktest,
  type ModelCard,
  type ModelReadiness,
  type ProgrammeModel,
  useProgrammeModel,
  useTrainModel,
} from '../api/model';
import { BacktestChart, CalibrationPlot, EffectsChart } from './charts';
import { useFeatureLabel } from './feature-label';

const STATUS_COLOURS: Record<ModelAttempt['status'], string> = {
  training: 'blue.9',
  ready: 'green.9',
  refused: 'yellow.9',
  failed: 'red.9',
};
const NEEDS = ['outcomes', 'successes', 'non_successes', 'mentors'] as const;

export function ModelCardPage({ programmeId, programmeName }: { programmeId: string; programmeName: string }) {
  const { t } = useTranslation();
  const model = useProgrammeModel(programmeId);
  const train = useTrainModel(programmeId);
  return (
    <Stack data-testid="model-card">
      <Anchor component={Link} to={`/coordinator/${programmeId}`} size="sm">
        {t('learning.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('learning.title', { programme: programmeName })}
      </Title>
      <Text>{t('learning.intro')}</Text>
      <QueryState query={model}>
        {(data) => (
          <Stack>
            <Group gap="sm">
              <Button onClick={() => train.mutate()} loading={train.isPending} disabled={data.status === 'training'} w="fit-content">
                {t('learning.train')}
              </Button>
              <Text size="sm">{t('learning.trainHelp')}</Text>
            </Group>
            {train.isError && <ErrorAlert error={train.error} />}
            <LatestStatus data={data} />
            {data.readiness && data.status === 'refused' && <Refused readiness={data.readiness} />}
            {data.card && data.model ? (
              <CardBody data={data} card={data.card} backtest={data.backtest} />
            ) : (
              data.status !== 'training' && <Text>{t('learning.noModel')}</Text>
            )}
            {data.versions.length > 0 && <Versions versions={data.versions} />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function LatestStatus({ data }: { data: ProgrammeModel }) {
  const { t } = useTranslation();
  if (data.status === 'training') {
    return (
      <Alert color="blue.9" role="status" title={t('learning.status.training')}>
        {t('learning.trainingNow')}
      </Alert>
    );
  }
  if (data.status === 'failed' && data.latest) {
    return (
      <Alert color="red.9" role="alert" title={t('learning.status.failed')}>
        {data.latest.error || t('common.error')}
      </Alert>
    );
  }
  return null;
}

function Refused({ readiness }: { readiness: ModelReadiness }) {
  const { t } = useTranslation();
  const needed = NEEDS.filter((what) => (readiness.more_needed[what] ?? 0) > 0);
  return (
    <Paper withBorder p="md" data-testid="model-refused">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('learning.refused.title')}
        </Title>
        <Text>
          {t('learning.refused.have', {
            outcomes: formatNumber(readiness.outcomes),
            successes: formatNumber(readiness.successes),
            nonSuccesses: formatNumber(readiness.non_successes),
            mentors: formatNumber(readiness.mentors),
          })}
        </Text>
        <Text fw={600}>{t('learning.refused.needs')}</Text>
        <List>
          {needed.map((what) => (
            <List.Item key={what} data-testid={`needs-${what}`}>
              {t(`learning.refused.more.${what}`, { n: formatNumber(readiness.more_needed[what] ?? 0) })}
            </List.Item>
          ))}
        </List>
        <Text size="sm">
          {t('learning.refused.minimums', {
            outcomes: formatNumber(readiness.minimums.outcomes ?? 0),
            perClass: formatNumber(readiness.minimums.successes ?? 0),
            mentors: formatNumber(readiness.minimums.mentors ?? 0),
          })}
        </Text>
      </Stack>
    </Paper>
  );
}

function quality(auc: number): string {
  if (auc < 0.55) return 'chance';
  if (auc < 0.65) return 'somewhat';
  if (auc < 0.75) return 'better';
  return 'clearly';
}

function CardBody({ data, card, backtest }: { data: ProgrammeModel; card: ModelCard; backtest: ModelBacktest | null | undefined }) {
  const { t } = useTranslation();
  const label = useFeatureLabel();
  const target = t(`learning.targets.${data.model?.target ?? data.outcome_target}`);
  const auc = card.metrics.auc;
  // The bin nearest a 30 % chance makes the calibration concrete.
  const example = [...card.calibration_curve].sort((a, b) => Math.abs(a.predicted - 0.3) - Math.abs(b.predicted - 0.3))[0];
  const range = card.date_range;
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" data-testid="model-words">
        <Stack gap="xs">
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('learning.inUse', { version: data.model?.version ?? 0 })}
            </Title>
            {data.model?.trained_at && <Text size="sm">{formatDateTime(data.model.trained_at)}</Text>}
          </Group>
          <Text>
            {t('learning.words.trained', {
              outcomes: formatNumber(card.outcomes),
              mentors: formatNumber(card.mentors),
              rate: formatPercent(card.success_rate),
              target,
            })}
            {range?.[0] && range[1] && ` ${t('learning.words.range', { from: formatDate(range[0]), to: formatDate(range[1]) })}`}
            {data.model?.pooled && data.model.programmes > 1 && ` ${t('learning.words.pooled', { n: formatNumber(data.model.programmes) })}`}
          </Text>
          {auc !== null && auc !== undefined && (
            <Text data-testid="model-auc">
              {t(`learning.words.auc.${quality(auc)}`, { target, auc: formatNumber(auc, { maximumFractionDigits: 2 }) })}
            </Text>
          )}
          {example && (
            <Text>
              {t('learning.words.calibration', { predicted: formatPercent(example.predicted), observed: formatPercent(example.observed) })}
            </Text>
          )}
          <Text size="sm">{t(`learning.words.chosen.${card.chosen}`, { folds: formatNumber(card.folds) })}</Text>
          <Text size="sm" fw={600}>
            {data.learned_weight > 0
              ? t('learning.words.used', { weight: formatNumber(data.learned_weight, { maximumFractionDigits: 2 }) })
              : t('learning.words.notUsed')}
          </Text>
        </Stack>
      </Paper>
      {card.calibration_curve.length > 0 && <CalibrationPlot bins={card.calibration_curve} />}
      {card.feature_effects.length > 0 && (
        <EffectsChart effects={card.feature_effects.map((effect) => ({ key: effect.feature, label: label(effect.feature), effect: effect.effect }))} />
      )}
      {backtest && !backtest.skipped ? (
        <Stack gap="xs">
          <BacktestChart backtest={backtest} />
          <Text size="sm" data-testid="backtest-words">
            {t('learning.backtest.words', {
              learned: formatNumber(backtest.expected_learned ?? 0, { maximumFractionDigits: 1 }),
              made: formatNumber(backtest.expected_made ?? 0, { maximumFractionDigits: 1 }),
              mentees: formatNumber(backtest.mentees ?? 0),
              low: formatNumber(backtest.interval?.[0] ?? 0, { maximumFractionDigits: 1 }),
              high: formatNumber(backtest.interval?.[1] ?? 0, { maximumFractionDigits: 1 }),
            })}
          </Text>
          <Text size="xs" c="dark.6">
            {t('learning.backtest.caveat')}
          </Text>
        </Stack>
      ) : (
        <Text size="sm">{t(`learning.backtest.skipped.${backtest?.skipped ?? 'no_run'}`)}</Text>
      )}
    </Stack>
  );
}

function Versions({ versions }: { versions: ModelAttempt[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4" id="model-versions-title">
        {t('learning.versions.title')}
      </Title>
      {/* On a phone the table scrolls sideways; the region takes the keyboard's focus so it can be scrolled too. */}
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="model-versions-title">
        <Table withTableBorder data-testid="model-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('learning.versions.version')}</Table.Th>
              <Table.Th scope="col">{t('learning.versions.status')}</Table.Th>
              <Table.Th scope="col">{t('learning.versions.when')}</Table.Th>
              <Table.Th scope="col">{t('learning.versions.outcomes')}</Table.Th>
              <Table.Th scope="col">{t('learning.versions.auc')}</Table.Th>
              <Table.Th scope="col">{t('learning.versions.how')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Th scope="row" fw={400}>
                  {formatNumber(version.version)}
                </Table.Th>
                <Table.Td>
                  <Badge color={STATUS_COLOURS[version.status]} variant="light">
                    {t(`learning.status.${version.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(version.trained_at ?? version.started_at)}</Table.Td>
                <Table.Td>{formatNumber(version.outcomes)}</Table.Td>
                <Table.Td>{version.auc === null ? '–' : formatNumber(version.auc, { maximumFractionDigits: 2 })}</Table.Td>
                <Table.Td>{version.scheduled ? t('learning.versions.scheduled') : t('learning.versions.requested')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}
