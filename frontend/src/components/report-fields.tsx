// The parts every safety report shares, wherever it is made from (a person on a match or group page, or a message):
// what it is about, her own words, and the error in plain words. One list of categories and one set of texts
// (the safety catalogue, in the first bundle), so the coordinators' triage reads the same codes from both.
import { Radio, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';

export const REPORT_CATEGORIES = ['harassment', 'threat', 'sexual', 'discrimination', 'exploitation', 'privacy', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** The API's own words for a refused report or block, or the fallback. */
export function reportErrorText(error: unknown, fallback: string): string {
  return error instanceof ApiError && error.errors.length ? error.errors.map((e) => e.detail).join(' ') : fallback;
}

export function ReportCategoryChoice({
  value,
  onChange,
  missing,
}: {
  value: ReportCategory | '';
  onChange: (category: ReportCategory) => void;
  missing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('safety.report.category')}
      value={value}
      onChange={(code) => onChange(code as ReportCategory)}
      error={missing ? t('safety.report.chooseCategory') : undefined}
      required
    >
      <Stack gap="xs" mt="xs">
        {REPORT_CATEGORIES.map((code) => (
          <Radio key={code} value={code} label={t(`safety.report.categories.${code}`)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

export function ReportWords({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('safety.report.text')}
      description={t('safety.report.textHint')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      maxLength={4000}
      minRows={3}
    />
  );
}
