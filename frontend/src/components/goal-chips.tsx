// Goals (or what a mentor offers) as large chips in plain words: a few taps. The reference list's emoji
// pictograms are not shown: a phone without an emoji font draws them as empty boxes.
import { Chip, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { Loading } from '@/components/query-state';
import { useReference } from '@/lib/reference';

export function GoalChips({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const goals = useReference('goals');
  const id = useId();
  return (
    <Stack gap={4} role="group" aria-labelledby={id} aria-describedby={error ? `${id}-error` : undefined}>
      <Text id={id} fw={500} size="sm">
        {label}
      </Text>
      {goals.isPending && <Loading />}
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap="xs">
          {(goals.data ?? []).map((goal) => (
            <Chip key={goal.code} value={goal.code} size="md">
              {goal.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {error && (
        <Text id={`${id}-error`} c="red.8" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
