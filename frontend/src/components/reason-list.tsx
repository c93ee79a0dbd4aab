import { List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Reason, type ReasonLabels, translateReason } from '@/i18n/reasons';

export function ReasonList({ reasons, labels, label }: { reasons: Reason[]; labels?: ReasonLabels; label?: string }) {
  const { t, i18n } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <List size="sm" spacing={2} aria-label={label}>
      {reasons.map((reason, index) => (
        <List.Item key={`${reason.code}-${index}`}>{translateReason(t, i18n.language, reason, labels)}</List.Item>
      ))}
    </List>
  );
}
