import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { on, serve } from '@/test/api-handlers';
import type { ModelAttempt, ProgrammeModel } from '../api/model';
import { LearningSettingsSection, type LearningSettingsValues } from './learning-settings';
import { ModelCardPage } from './model-card';

function attempt(overrides: Partial<ModelAttempt>): ModelAttempt {
  return {
    id: 'm1',
    version: 1,
    status: 'ready',
    target: 'work_or_training_6m',
    pooled: false,
    programmes: 1,
    outcomes: 240,
    scheduled: false,
    started_at: '2026-11-02T10:00:00Z',
    trained_at: '2026-11-02T10:01:00Z',
    auc: 0.71,
    error: '',
    ...overrides,
  };
}

const READY: ProgrammeModel = {
  status: 'ready',
  latest: attempt({}),
  readiness: null,
  model: attempt({}),
  card: {
    outcomes: 240,
    successes: 100,
    success_rate: 0.4167,
    mentors: 30,
    mentees: 180,
    date_range: ['2025-01-10', '2026-05-01'],
    chosen: 'logistic',
    folds: 5,
    metrics: { auc: 0.71, brier: 0.21, log_loss: 0.6, calibration_error: 0.03 },
    candidates: {},
    calibration_curve: [
      { predicted: 0.12, observed: 0.1, count: 60 },
      { predicted: 0.3, observed: 0.28, count: 60 },
      { predicted: 0.6, observed: 0.62, count: 60 },
    ],
    feature_effects: [
      { feature: 'same_sector', low: 0, high: 1, effect: 0.18 },
      { feature: 'mentor_is_employer', low: 0, high: 1, effect: -0.04 },
    ],
    features: 16,
  },
  backtest: {
    skipped: null,
    run_finished_at: '2026-05-01T10:00:00Z',
    mentees: 75,
    expected_learned: 33.2,
    expected_made: 28.4,
    difference: 4.8,
    interval: [1.5, 8.1],
    level: 0.95,
    pairs_learned: 70,
    pairs_made: 60,
  },
  versions: [attempt({})],
  learned_weight: 0,
  outcome_target: 'work_or_training_6m',
  pool_outcomes: false,
};

const REFUSED: ProgrammeModel = {
  ...READY,
  status: 'refused',
  latest: attempt({ status: 'refused', auc: null }),
  model: null,
  card: null,
  backtest: null,
  readiness: {
    outcomes: 143,
    successes: 50,
    non_successes: 93,
    mentors: 8,
    more_needed: { outcomes: 57, successes: 0, non_successes: 0, mentors: 12 },
    minimums: { outcomes: 200, successes: 40, non_successes: 40, mentors: 20 },
  },
  versions: [attempt({ status: 'refused', auc: null })],
};

describe('ModelCardPage', () => {
  let body: ProgrammeModel;
  let api: ReturnType<typeof serve>;

  beforeEach(() => {
    document.cookie = 'csrftoken=test-token';
    body = READY;
    api = serve(
      on('get', '/api/v1/programmes/{programme_id}/model/', ({ reply }) => reply(200, body)),
      on('post', '/api/v1/programmes/{programme_id}/model/train/', ({ reply }) => reply(202, { ...body, status: 'training' })),
      on('get', '/api/v1/reference/goals/', ({ reply }) => reply(200, [] as never)),
      on('get', '/api/v1/reference/sectors/', ({ reply }) => reply(200, [] as never)),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says in words what the model learned, then shows each plot with its figures as a table', async () => {
    renderWithProviders(<ModelCardPage programmeId="p1" programmeName="Jobs Berlin" />);
    const words = await screen.findByTestId('model-words');
    expect(words).toHaveTextContent('Trained on 240 past matches with 30 mentors');
    expect(screen.getByTestId('model-auc')).toHaveTextContent('better than chance: AUC 0.71');
    expect(words).toHaveTextContent('of the pairs it gave about a 30% chance, 28% did');
    expect(words).toHaveTextContent('Matching runs do not use it yet');

    const figures = screen.getAllByTestId('learning-figure');
    expect(figures).toHaveLength(3);
    const tables = screen.getAllByTestId('learning-table');
    expect(within(tables[0]!).getAllByRole('row')).toHaveLength(4);
    expect(within(tables[1]!).getByRole('row', { name: /Same sector/ })).toHaveTextContent('+18');
    expect(within(tables[1]!).getByRole('row', { name: /Mentor is an employer/ })).toHaveTextContent('−4');
    expect(within(tables[2]!).getByRole('row', { name: /Engine with learning/ })).toHaveTextContent('29.9 – 36.5');
    expect(screen.getByRole('img', { name: /Calibration curve/ })).toBeInTheDocument();
  });

  it('when refused, says how many more outcomes and mentors it needs, and trains on request', async () => {
    body = REFUSED;
    renderWithProviders(<ModelCardPage programmeId="p1" programmeName="Jobs Berlin" />);
    const refused = await screen.findByTestId('model-refused');
    expect(within(refused).getByTestId('needs-outcomes')).toHaveTextContent('Outcomes: 57 more');
    expect(within(refused).getByTestId('needs-mentors')).toHaveTextContent('Different mentors: 12 more');
    expect(within(refused).queryByTestId('needs-successes')).toBeNull();
    expect(screen.queryByTestId('model-words')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Train now' }));
    await waitFor(() => expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(await screen.findByRole('status')).toHaveTextContent('The model is being trained');
    expect(screen.getByRole('button', { name: 'Train now' })).toBeDisabled();
  });
});

describe('LearningSettingsSection', () => {
  const saved: LearningSettingsValues = {
    learned_weight: 0,
    outcome_target: 'work_or_training_6m',
    pool_outcomes: false,
    monitored_groups: [],
    fairness_min_share: null,
    fairness_group: null,
    monitored_group_choices: ['mentee_language', 'childcare', 'city'],
  };

  it('sends only what changed and shows the server’s words next to the field', async () => {
    const api = serve(
      on('get', '/api/v1/programmes/{programme_id}/model/', ({ reply }) => reply(200, REFUSED)),
      on('patch', '/api/v1/programmes/{programme_id}/', ({ reply }) =>
        reply(400, {
          type: 'validation_error',
          errors: [{ code: 'invalid', detail: 'There is no trained model yet.', attr: 'learned_weight' }],
        } as never),
      ),
    );
    renderWithProviders(<LearningSettingsSection programmeId="p1" saved={saved} />);
    expect(await screen.findByTestId('learning-no-model')).toBeInTheDocument();
    const weight = screen.getByLabelText(/^Learned weight/);
    await userEvent.clear(weight);
    await userEvent.type(weight, '0.5');
    await userEvent.click(screen.getByLabelText('City'));
    await userEvent.click(screen.getByRole('button', { name: 'Save learning settings' }));

    expect(await screen.findByText('There is no trained model yet.')).toBeInTheDocument();
    const sent = api.calls.find((call) => call.method === 'PATCH');
    expect(sent?.body).toEqual({ learned_weight: 0.5, monitored_groups: ['city'] });
  });
});
