// A boxed message with a coloured edge and dark text: readable (WCAG AA) in every tone, and the tone is never
// the only cue, since each notice has words (a title or its text) saying what it is.
import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

const EDGE = { info: 'blue.8', success: 'teal.8', warning: 'orange.8', error: 'red.9' } as const;
const BACKGROUND = { info: 'blue.0', success: 'teal.0', warning: 'orange.0', error: 'red.0' } as const;

export function Notice({
  tone,
  title,
  children,
  role,
  testId,
}: {
  tone: keyof typeof EDGE;
  title?: string;
  children: ReactNode;
  role?: 'alert' | 'status';
  testId?: string;
}) {
  return (
    <Paper
      p="sm"
      bg={BACKGROUND[tone]}
      c="dark.9"
      role={role}
      data-testid={testId}
      style={{ borderInlineStart: `6px solid var(--mantine-color-${EDGE[tone].replace('.', '-')})`, borderRadius: 4 }}
    >
      <Stack gap={6}>
        {title && <Text fw={700}>{title}</Text>}
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
      </Stack>
    </Paper>
  );
}
