// How she wants texts about her worded: optional, never guessed ("" = not said, read as neutral).
import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type AddressChoiceValue = '' | 'feminine' | 'masculine' | 'neutral';
const CHOICES: { value: AddressChoiceValue; label: string }[] = [
  { value: '', label: 'address.notSaid' },
  { value: 'feminine', label: 'address.feminine' },
  { value: 'masculine', label: 'address.masculine' },
  { value: 'neutral', label: 'address.neutral' },
];

export function AddressChoice({
  value,
  onChange,
  error,
  label,
  hint,
}: {
  value: AddressChoiceValue;
  onChange: (value: AddressChoiceValue) => void;
  error?: string;
  /** Another question, for someone who answers for her (a coordinator's assisted sign-up). */
  label?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={label ?? t('address.label')}
      description={hint ?? t('address.hint')}
      value={value === '' ? 'not_said' : value}
      onChange={(next) => onChange(next === 'not_said' ? '' : (next as AddressChoiceValue))}
      error={error}
    >
      <Stack gap={6} mt="xs">
        {CHOICES.map((choice) => (
          <Radio key={choice.label} value={choice.value === '' ? 'not_said' : choice.value} label={t(choice.label)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
