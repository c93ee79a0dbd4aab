// Mantine's password input with its show/hide button labelled in the UI language (Mantine's own label is English),
// and, unlike Mantine's, with its error told to a screen reader: the field is marked invalid and described by its
// hint and its error (Mantine gives those the ids <id>-description and <id>-error).
import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  const id = useId(props.id);
  const describedBy = [props.description ? `${id}-description` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
      {...props}
      id={id}
      aria-invalid={Boolean(props.error)}
      aria-describedby={describedBy || undefined}
    />
  );
}
