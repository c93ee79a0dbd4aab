import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { LearningReport, ProofNote } from './run-panel';

const base = { matched_proven: false, objective: 'total_score', rounds: 3, pairs_added: 428, stopped: 'proven' } as const;

describe('ProofNote', () => {
  it('says a proven run is the best possible, with its total and the work it took', () => {
    renderWithProviders(<ProofNote certificate={{ ...base, proven: true, upper_bound: 10699.646221, gap: 0 }} />);
    expect(screen.getByTestId('run-proof')).toHaveTextContent(
      'Best possible — proven: no other set of pairs reaches a higher total score than this run (10,699.65).',
    );
    expect(screen.getByTestId('run-proof')).toHaveTextContent('in 3 passes; 428 pairs were added');
  });

  it('states the gap of a proof cut short and never rounds it to 100 %', () => {
    renderWithProviders(
      <ProofNote certificate={{ ...base, proven: false, stopped: 'rounds', upper_bound: 1000.0001, gap: 0.0001 }} />,
    );
    const note = screen.getByTestId('run-proof');
    expect(note).toHaveTextContent('Within 0.0001 of the best possible total score (99.999 %)');
    expect(note).not.toHaveTextContent('proven');
  });

  it('tells most-matched-first runs what was proven about the number matched', () => {
    renderWithProviders(
      <ProofNote
        certificate={{ ...base, objective: 'matched_then_score', proven: false, matched_proven: true, upper_bound: 5, gap: 0.25 }}
      />,
    );
    expect(screen.getByTestId('run-proof')).toHaveTextContent('Proven: no other set of pairs matches more mentees.');
    expect(screen.getByTestId('run-proof')).toHaveTextContent('could be up to 0.2500 higher');
  });
});

const rate = (mentees: number, matched: number, predicted: number) => ({
  mentees,
  matchable: mentees,
  matched,
  match_rate: matched / mentees,
  predicted_success: predicted,
});

describe('LearningReport', () => {
  const learning = {
    weight: 1.5,
    target: 'work_6m',
    used: true,
    model_version: 3,
    base_rate: 0.3,
    monitored: ['childcare', 'city'],
    made: {
      matched: 7,
      expected_successes: 3.456,
      groups: { childcare: { not_said: rate(8, 6, 0.5), yes: rate(2, 1, 0.4) }, city: { '': rate(2, 1, 0.4), Köln: rate(8, 6, 0.5) } },
    },
    without_learned: {
      matched: 8,
      expected_successes: 2.9,
      groups: { childcare: { not_said: rate(8, 7, 0.35), yes: rate(2, 1, 0.3) }, city: { '': rate(2, 2, 0.3), Köln: rate(8, 6, 0.35) } },
    },
    guard: {
      grouping: 'childcare',
      min_share: 0.8,
      total_score_without_guard: 5.5,
      total_score: 5.25,
      cost_in_total_score: 0.25,
      objective_without_guard: 10,
      objective: 9.5,
      cost_in_objective: 0.5,
      matched_without_guard: 8,
      matched: 7,
    },
  };

  it('shows each monitored grouping with and without the learned part, and the guard with its cost', () => {
    renderWithProviders(<LearningReport learning={learning} />);
    const report = screen.getByTestId('run-learning');
    expect(report).toHaveTextContent('learned part, weight 1.50, model version 3');
    expect(report).toHaveTextContent('Expected successful outcomes: 3.5, against 2.9 without the learned part.');
    expect(screen.getByTestId('run-guard')).toHaveTextContent(
      'Fairness guard by need for childcare: no group\'s match rate is below 80% of the overall rate.',
    );
    expect(screen.getByTestId('run-guard')).toHaveTextContent('costs 0.250 in total score; 7 mentees are matched, against 8');
    const childcare = screen.getByTestId('groups-childcare');
    expect(childcare).toHaveTextContent('By need for childcare');
    expect(childcare).toHaveTextContent('Needs childcare (school hours only)');
    expect(childcare).toHaveTextContent('Match rate without the learned part');
    const row = screen.getByRole('rowheader', { name: 'Did not say' }).closest('tr');
    expect(row).toHaveTextContent('8675%87.5%50%35%');
    expect(screen.getByTestId('groups-city')).toHaveTextContent('No city given');
  });

  it('says when the learned part is on but no model is ready, and shows no comparison', () => {
    renderWithProviders(
      <LearningReport learning={{ weight: 1, target: 'work_6m', used: false, model_version: null, base_rate: null }} />,
    );
    expect(screen.getByTestId('run-learning')).toHaveTextContent('no ready model yet');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
