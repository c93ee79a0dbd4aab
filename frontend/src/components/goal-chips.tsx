// Goals (or what a mentor offers) as large chips, each with its pictogram and plain words: a few taps.
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
    <Stack gap={4} role="group" aria-labelledby={id}>
      <Text id={id} fw={500} size="sm">
        {label}
      </Text>
      {goals.isPending && <Loading />}
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap="xs">
          {(goals.data ?? []).map((goal) => (
            <Chip key={goal.code} value={goal.code} size="md">
              {goal.icon && <span aria-hidden="true">{goal.icon} </span>}
              {goal.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {error && (
        <Text c="red.8" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
