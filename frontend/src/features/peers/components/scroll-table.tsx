// A wide table on a narrow screen: it scrolls sideways, and the scrolling box takes keyboard focus so it can be
// scrolled without a mouse (WCAG 2.1.1); it is named after the table.
import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
