import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ProofNote } from './run-panel';

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
