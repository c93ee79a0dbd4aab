// Weekly availability as a grid of days × parts of the day: a real table of labelled checkboxes (keyboard and
// screen-reader friendly, and it follows the page's direction in Arabic).
import { Checkbox, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pseudoMark } from '@/i18n/pseudo';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const PARTS = ['morning', 'afternoon', 'evening'] as const;

/** The weekday's name in the UI language (2024-01-01 was a Monday). */
export function dayName(language: string, day: (typeof DAYS)[number]): string {
  const date = new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(day)));
  return pseudoMark(new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(date));
}

export function AvailabilityGrid({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const chosen = new Set(value);
  const toggle = (slot: string) => onChange(chosen.has(slot) ? value.filter((s) => s !== slot) : [...value, slot]);
  return (
    <div>
      <Text fw={500} size="sm" id="availability-label">
        {t('fields.availability')}
      </Text>
      <Text size="sm" c="dark.6" mb="xs">
        {t('fields.availabilityHint')}
      </Text>
      <Table aria-labelledby="availability-label" withTableBorder verticalSpacing={4} horizontalSpacing="xs" maw={420}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <VisuallyHidden>{t('fields.day')}</VisuallyHidden>
            </Table.Th>
            {PARTS.map((part) => (
              <Table.Th key={part} ta="center">
                {t(`fields.parts.${part}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {DAYS.map((day) => (
            <Table.Tr key={day}>
              <Table.Th scope="row" fw={500}>
                {dayName(i18n.language, day)}
              </Table.Th>
              {PARTS.map((part) => {
                const slot = `${day}:${part}`;
                return (
                  <Table.Td key={part} ta="center">
                    <Checkbox
                      styles={{ body: { justifyContent: 'center' } }}
                      aria-label={`${dayName(i18n.language, day)}, ${t(`fields.parts.${part}`)}`}
                      checked={chosen.has(slot)}
                      onChange={() => toggle(slot)}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
