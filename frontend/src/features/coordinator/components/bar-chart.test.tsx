import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { BarChart } from './bar-chart';

describe('BarChart', () => {
  it('writes every figure on its bar and repeats them in a table', () => {
    renderWithProviders(
      <BarChart
        title="Matches by state"
        valueHeader="Matches"
        bars={[
          { key: 'active', label: 'Active', value: 7 },
          { key: 'declined', label: 'Declined', value: 2 },
        ]}
      />,
    );
    const figure = screen.getByRole('figure', { name: 'Matches by state' });
    const table = within(figure).getByRole('table', { name: 'Matches by state', hidden: true });
    expect(within(table).getByRole('columnheader', { name: 'Matches', hidden: true })).toBeInTheDocument();
    const rows = within(table).getAllByRole('row', { hidden: true });
    expect(rows.map((row) => row.textContent)).toEqual(['ItemMatches', 'Active7', 'Declined2']);
    expect(screen.getByText('Show the figures as a table')).toBeInTheDocument();
  });

  it('says so when there is nothing to chart', () => {
    renderWithProviders(<BarChart title="Reasons for declining" valueHeader="Declines" bars={[]} />);
    expect(screen.getByText('No figures yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
