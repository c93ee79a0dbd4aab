// The network of who has been grouped with whom: an SVG picture (people clustered and coloured by city, with a
// text legend and city labels, so colour is never the only cue) and the same facts as tables.
import { Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network } from '../api/types';
import { ScrollTable } from './scroll-table';
import { formatList } from '@/lib/format';

/** Dark enough for 3:1 against white (WCAG non-text contrast). */
const PALETTE = ['#1864ab', '#c92a2a', '#2b8a3e', '#862e9c', '#d9480f', '#0b7285', '#5f3dc4', '#a61e4d', '#5c940d', '#495057'];
const SIZE = 560;
/** Rows of the reach table shown at once (those with the widest reach first). */
const FIRST_PEOPLE = 20;
/** City pairs shown at once (the most connected first). */
const FIRST_PAIRS = 10;

type Point = { x: number; y: number };

/** Cities on a large circle, each city's people on a small circle around it: deterministic, no physics. */
export function layout(network: Network): { positions: Map<string, Point>; cities: { name: string; colour: string; at: Point; count: number }[] } {
  const byCity = new Map<string, string[]>();
  for (const node of network.nodes) byCity.set(node.city, [...(byCity.get(node.city) ?? []), node.id]);
  const names = [...byCity.keys()].sort((a, b) => (byCity.get(b)?.length ?? 0) - (byCity.get(a)?.length ?? 0) || a.localeCompare(b));
  const centre = SIZE / 2;
  const ring = names.length > 1 ? SIZE * 0.34 : 0;
  const positions = new Map<string, Point>();
  const cities = names.map((name, index) => {
    const angle = (2 * Math.PI * index) / Math.max(names.length, 1) - Math.PI / 2;
    const at = { x: centre + ring * Math.cos(angle), y: centre + ring * Math.sin(angle) };
    const people = byCity.get(name) ?? [];
    const radius = Math.min(SIZE * 0.13, 8 + people.length * 1.6);
    people.forEach((id, k) => {
      const a = (2 * Math.PI * k) / people.length;
      positions.set(id, people.length === 1 ? at : { x: at.x + radius * Math.cos(a), y: at.y + radius * Math.sin(a) });
    });
    return { name, colour: PALETTE[index % PALETTE.length] ?? '#495057', at, count: people.length };
  });
  return { positions, cities };
}

export function NetworkGraph({ network }: { network: Network }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [allPeople, setAllPeople] = useState(false);
  const [allPairs, setAllPairs] = useState(false);
  const descId = useId();
  const { positions, cities } = layout(network);
  const colours = new Map(cities.map((city) => [city.name, city.colour]));
  const names = new Map(network.nodes.map((node) => [node.id, node.name]));
  const summary = network.summary;
  const isolated = new Set(summary.isolated);
  const cityPairs = [...summary.city_ties].sort((a, b) => b.ties - a.ties || a.cities.join().localeCompare(b.cities.join()));
  const citySummary = cities.map((city) => {
    const pairs = summary.city_ties.filter((row) => row.cities.includes(city.name));
    return { city: city.name, members: city.count, connected: pairs.length, ties: pairs.reduce((sum, row) => sum + row.ties, 0) };
  });
  const byReach = [...network.nodes].sort((a, b) => b.reach - a.reach || a.name.localeCompare(b.name));

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        {[
          [t('peers.network.members'), summary.members],
          [t('peers.network.ties'), summary.ties],
          [t('peers.network.crossCityTies'), summary.cross_city_ties],
          [t('peers.network.meanReach'), summary.mean_reach],
          [t('peers.network.cities'), summary.cities],
          [t('peers.network.isolated'), summary.isolated.length],
        ].map(([label, value]) => (
          <Stack key={String(label)} gap={0}>
            <Text size="xl" fw={700}>
              {value}
            </Text>
            <Text size="sm">{label}</Text>
          </Stack>
        ))}
      </SimpleGrid>

      {network.nodes.length > 0 && (
        <Stack gap="xs">
          <svg
            viewBox={`0 0 ${SIZE} ${SIZE}`}
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            style={{ width: '100%', maxWidth: SIZE, height: 'auto', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
            data-testid="network-svg"
          >
            <title id={titleId}>{t('peers.network.pictureTitle')}</title>
            <desc id={descId}>
              {t('peers.network.pictureDescription', {
                members: summary.members,
                ties: summary.ties,
                cities: summary.cities,
                cross: summary.cross_city_ties,
              })}
            </desc>
            <g stroke="#868e96" strokeOpacity={0.35}>
              {network.edges.map((edge) => {
                const a = positions.get(edge.source);
                const b = positions.get(edge.target);
                if (!a || !b) return null;
                return <line key={`${edge.source}-${edge.target}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} strokeWidth={edge.weight} />;
              })}
            </g>
            <g>
              {network.nodes.map((node) => {
                const at = positions.get(node.id);
                if (!at) return null;
                return (
                  <circle
                    key={node.id}
                    cx={at.x}
                    cy={at.y}
                    r={isolated.has(node.id) ? 5 : 4}
                    fill={isolated.has(node.id) ? '#fff' : colours.get(node.city)}
                    stroke={colours.get(node.city)}
                    strokeWidth={isolated.has(node.id) ? 2 : 1}
                  >
                    <title>{t('peers.network.nodeTitle', { name: node.name, city: node.city, reach: node.reach })}</title>
                  </circle>
                );
              })}
            </g>
            <g fontSize={13} fontWeight={700} textAnchor="middle" aria-hidden="true">
              {cities.map((city) => (
                <text key={city.name} data-own-text x={city.at.x} y={city.at.y - Math.min(SIZE * 0.13, 8 + city.count * 1.6) - 8} fill="#212529" paintOrder="stroke" stroke="#fff" strokeWidth={3}>
                  {city.name}
                </text>
              ))}
            </g>
          </svg>
          <Group component="ul" gap="sm" aria-label={t('peers.network.legend')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {cities.map((city) => (
              <Group component="li" key={city.name} gap={6} wrap="nowrap">
                <svg width="14" height="14" aria-hidden="true">
                  <circle cx="7" cy="7" r="6" fill={city.colour} />
                </svg>
                <Text size="sm">{t('peers.network.legendCity', { city: city.name, number: city.count })}</Text>
              </Group>
            ))}
            <Group component="li" gap={6} wrap="nowrap">
              <svg width="14" height="14" aria-hidden="true">
                <circle cx="7" cy="7" r="5" fill="#fff" stroke="#495057" strokeWidth="2" />
              </svg>
              <Text size="sm">{t('peers.network.legendIsolated')}</Text>
            </Group>
          </Group>
        </Stack>
      )}

      <Title order={2} size="h4">
        {t('peers.network.cityTiesTitle')}
      </Title>
      {summary.city_ties.length === 0 ? (
        <Text>{t('peers.network.noTies')}</Text>
      ) : (
        <>
          <ScrollTable label={t('peers.network.citySummaryCaption')} minWidth={360}>
            <Table withTableBorder striped fz="sm" verticalSpacing={4} data-testid="city-summary">
              <Table.Caption c="gray.7">{t('peers.network.citySummaryCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('peers.network.city')}</Table.Th>
                  <Table.Th scope="col">{t('peers.network.members')}</Table.Th>
                  <Table.Th scope="col">{t('peers.network.citiesConnected')}</Table.Th>
                  <Table.Th scope="col">{t('peers.network.crossCityTies')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {citySummary.map((row) => (
                  <Table.Tr key={row.city}>
                    <Table.Th scope="row" fw={400} dir="auto">
                      {row.city}
                    </Table.Th>
                    <Table.Td>{row.members}</Table.Td>
                    <Table.Td>{t('peers.network.ofOtherCities', { connected: row.connected, others: cities.length - 1 })}</Table.Td>
                    <Table.Td>{row.ties}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <ScrollTable label={t('peers.network.cityTiesCaption')} minWidth={320}>
            <Table withTableBorder striped fz="sm" verticalSpacing={4} data-testid="city-ties">
              <Table.Caption c="gray.7">{t('peers.network.cityTiesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('peers.network.citiesColumn')}</Table.Th>
                  <Table.Th scope="col">{t('peers.network.ties')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(allPairs ? cityPairs : cityPairs.slice(0, FIRST_PAIRS)).map((row) => (
                  <Table.Tr key={row.cities.join('|')}>
                    <Table.Td dir="auto">{row.cities.join(' – ')}</Table.Td>
                    <Table.Td>{row.ties}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {!allPairs && cityPairs.length > FIRST_PAIRS && (
            <Button variant="outline" w="fit-content" onClick={() => setAllPairs(true)}>
              {t('peers.network.showAllPairs', { number: cityPairs.length })}
            </Button>
          )}
        </>
      )}

      <Title order={2} size="h4">
        {t('peers.network.peopleTitle')}
      </Title>
      {summary.isolated.length > 0 && (
        <Text size="sm" data-testid="isolated-list">
          {t('peers.network.isolatedList', { names: formatList(summary.isolated.map((id) => names.get(id) ?? id)) })}
        </Text>
      )}
      <ScrollTable label={t('peers.network.peopleCaption')} minWidth={480}>
        <Table withTableBorder striped fz="sm" verticalSpacing={4} data-testid="network-table">
          <Table.Caption c="gray.7">{t('peers.network.peopleCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('peers.network.name')}</Table.Th>
              <Table.Th scope="col">{t('peers.network.city')}</Table.Th>
              <Table.Th scope="col">{t('peers.network.organisation')}</Table.Th>
              <Table.Th scope="col">{t('peers.network.reach')}</Table.Th>
              <Table.Th scope="col">{t('peers.network.citiesReached')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(allPeople ? byReach : byReach.slice(0, FIRST_PEOPLE)).map((node) => (
              <Table.Tr key={node.id}>
                <Table.Th scope="row" fw={400}>
                  <bdi>{node.name}</bdi>{' '}
                  {isolated.has(node.id) && (
                    <Badge size="xs" variant="outline" c="dark.9">
                      {t('peers.network.isolatedBadge')}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td dir="auto">{node.city}</Table.Td>
                <Table.Td dir="auto">{node.organisation}</Table.Td>
                <Table.Td>{node.reach}</Table.Td>
                <Table.Td>{node.cities_reached}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {!allPeople && byReach.length > FIRST_PEOPLE && (
        <Button variant="outline" w="fit-content" onClick={() => setAllPeople(true)}>
          {t('peers.network.showAll', { number: byReach.length })}
        </Button>
      )}
    </Stack>
  );
}
