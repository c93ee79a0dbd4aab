import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ScoreBreakdown } from './score-breakdown';

const learned = (target: string) => ({
  code: 'learned_success',
  params: { percent: 46, base_percent: 30, points: 16, target },
});

describe('ScoreBreakdown', () => {
  it('shows the learned part with its weight and contribution, and its reason in the words of the target', () => {
    renderWithProviders(
      <ScoreBreakdown
        score={1.14}
        parts={[
          { name: 'sector', value: 1, weight: 0.45, contribution: 0.45 },
          { name: 'learned', value: 0.46, weight: 1.5, contribution: 0.69, reasons: [learned('work_6m')] },
        ]}
      />,
    );
    const row = screen.getByRole('rowheader', { name: 'Learned from outcomes' }).closest('tr');
    expect(row).toHaveTextContent('Learned from outcomes46%1.500.69');
    expect(screen.getByTestId('score-breakdown')).toHaveTextContent(
      'Pairs like this often led to work within 6 months: 46 % against 30 % of all past pairs',
    );
  });

  it.each([
    ['work_or_training_6m', 'often led to work or training within 6 months'],
    ['any_goal_6m', 'often reached what the mentee came for within 6 months'],
  ])('says what success meant for target %s', (target, words) => {
    renderWithProviders(<ScoreBreakdown score={0.5} parts={[]} reasons={[learned(target)]} />);
    expect(screen.getByTestId('score-breakdown')).toHaveTextContent(words);
  });
});
