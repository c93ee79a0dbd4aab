import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import type { Network } from '../api/types';
import { layout, NetworkGraph } from './network-graph';

const node = (id: string, name: string, city: string, reach: number, cities_reached: number) => ({
  id,
  name,
  role: 'nurse',
  city,
  country: 'BE',
  organisation: `Org ${name}`,
  reach,
  cities_reached,
});

const network: Network = {
  rounds: [{ id: 'r1', name: 'One', published_at: '2027-01-01T00:00:00Z' }],
  nodes: [node('a', 'Ana', 'Brussels', 2, 1), node('b', 'Ben', 'Brussels', 1, 0), node('c', 'Cem', 'Rome', 1, 1), node('d', 'Dana', 'Rome', 0, 0)],
  edges: [
    { source: 'a', target: 'b', weight: 1, rounds: ['r1'] },
    { source: 'a', target: 'c', weight: 1, rounds: ['r1'] },
  ],
  summary: {
    members: 4,
    ties: 2,
    cross_city_ties: 1,
    mean_reach: 1,
    cities: 2,
    city_ties: [{ cities: ['Brussels', 'Rome'], ties: 1 }],
    city_components: [['Brussels', 'Rome']],
    isolated: ['d'],
  },
};

describe('NetworkGraph', () => {
  it('draws a named picture with a text legend of the cities', () => {
    renderWithProviders(<NetworkGraph network={network} />);
    const picture = screen.getByRole('img', { name: /Who has been grouped with whom/ });
    expect(picture.querySelectorAll('circle')).toHaveLength(4);
    expect(picture.querySelectorAll('line')).toHaveLength(2);
    const legend = screen.getByRole('list', { name: 'Legend: colours of the cities' });
    expect(legend).toHaveTextContent('Brussels (2)');
    expect(legend).toHaveTextContent('Rome (2)');
    expect(legend).toHaveTextContent('Open circle: not grouped yet');
  });

  it('gives the same facts as tables: reach, cities connected and isolated members', () => {
    renderWithProviders(<NetworkGraph network={network} />);
    const people = screen.getByRole('table', { name: 'Members by how many people they have been grouped with' });
    const rows = within(people).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['Ana ', 'Brussels', 'Org Ana', '2', '1'],
      ['Ben ', 'Brussels', 'Org Ben', '1', '0'],
      ['Cem ', 'Rome', 'Org Cem', '1', '1'],
      ['Dana not grouped yet', 'Rome', 'Org Dana', '0', '0'],
    ]);
    const ties = screen.getByRole('table', { name: 'Ties between people of two cities' });
    expect(ties).toHaveTextContent('Brussels – Rome1');
    const cities = screen.getByRole('table', { name: 'Cities: how many other cities their members have met' });
    expect(within(cities).getAllByRole('row').slice(1).map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['Brussels', '2', '1 of 1', '1'],
      ['Rome', '2', '1 of 1', '1'],
    ]);
    expect(screen.getByTestId('isolated-list')).toHaveTextContent('Not grouped with anyone yet: Dana');
  });

  it('places each city together, one cluster per city', () => {
    const { positions, cities } = layout(network);
    expect(cities.map((c) => [c.name, c.count])).toEqual([
      ['Brussels', 2],
      ['Rome', 2],
    ]);
    const distance = (p: string, q: string) => Math.hypot(positions.get(p)!.x - positions.get(q)!.x, positions.get(p)!.y - positions.get(q)!.y);
    expect(distance('a', 'b')).toBeLessThan(distance('a', 'c'));
  });
});
