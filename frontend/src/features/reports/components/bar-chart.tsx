// One figure as horizontal bars, drawn in inline SVG (no chart library): a bar per group, its length the count. A
// count shown as "< 5" gets a short hatched bar, a hidden one ("–") none; the label says which. The table next to
// it holds the same figures, so the chart is a picture of it (role img, named) rather than the only way to read it.
// Right to left, the bars grow from the right.
import { useDirection } from '@mantine/core';
import { useId } from 'react';
import { formatNumber } from '@/lib/format';
import type { ReportCell } from '../api/get-report';

export type Bar = { key: string; label: string; cell: ReportCell };

const ROW = 28;
const LABEL = 150;
const WIDTH = 560;
const VALUE = 56;

export function BarChart({ bars, title, smallText }: { bars: Bar[]; title: string; smallText: string }) {
  const { dir } = useDirection();
  const hatch = useId().replace(/:/g, '');
  const largest = Math.max(1, ...bars.map((bar) => bar.cell.value ?? 0));
  const room = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 4;
  const rtl = dir === 'rtl';
  // x of a point measured from the start edge (left in LTR, right in RTL).
  const x = (fromStart: number) => (rtl ? WIDTH - fromStart : fromStart);
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
      className="report-chart"
      data-testid="report-chart"
    >
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="3" height="6" fill="var(--mantine-color-blue-8)" />
        </pattern>
      </defs>
      {bars.map((bar, index) => {
        const top = index * ROW + 2;
        const shown = bar.cell.status === 'shown' ? (bar.cell.value ?? 0) : 0;
        const length = bar.cell.status === 'small' ? Math.max(4, room * (2.5 / largest)) : room * (shown / largest);
        const start = LABEL;
        const barX = rtl ? x(start + length) : x(start);
        const valueText = bar.cell.status === 'shown' ? formatNumber(shown) : bar.cell.status === 'small' ? smallText : '–';
        return (
          <g key={bar.key}>
            <text
              x={x(LABEL - 8)}
              y={top + ROW / 2 + 4}
              textAnchor="end"
              direction={rtl ? 'rtl' : 'ltr'}
              fontSize="13"
              fill="var(--mantine-color-dark-9)"
            >
              {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
            </text>
            {length > 0 && (
              <rect
                x={barX}
                y={top + 4}
                width={length}
                height={ROW - 10}
                fill={bar.cell.status === 'small' ? `url(#${hatch})` : 'var(--mantine-color-blue-8)'}
              />
            )}
            <text
              x={x(start + length + 6)}
              y={top + ROW / 2 + 4}
              textAnchor="start"
              direction={rtl ? 'rtl' : 'ltr'}
              fontSize="13"
              fill="var(--mantine-color-dark-9)"
            >
              {valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
