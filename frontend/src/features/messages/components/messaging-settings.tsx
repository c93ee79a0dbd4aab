// Her choices about messages, saved as soon as she changes one: when an email says that messages are waiting
// (daily by default, hourly or never; it never says who wrote or what), and whether others see that she has read
// their messages (off by default, and shown only when both turned it on).
import { Alert, Card, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import type { components } from '@/api/schema';
import { useMessagingSettings } from '../api/get-settings';
import { useUpdateMessagingSettings } from '../api/update-settings';

type EmailAfter = components['schemas']['EmailAfterEnum'];
const EMAIL_CHOICES: EmailAfter[] = ['day', 'hour', 'off'];

export function MessagingSettingsForm() {
  const { t } = useTranslation();
  const settings = useMessagingSettings();
  const update = useUpdateMessagingSettings();
  return (
    <Card withBorder component="section" aria-labelledby="messaging-settings-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="messaging-settings-title">
          {t('messages.settings.title')}
        </Title>
        <QueryState query={settings}>
          {(current) => (
            <Stack gap="md">
              <Radio.Group
                label={t('messages.settings.email')}
                description={t('messages.settings.emailHint')}
                value={current.email_after ?? 'day'}
                onChange={(value) => update.mutate({ email_after: value as EmailAfter })}
              >
                <Stack gap="xs" mt="xs">
                  {EMAIL_CHOICES.map((choice) => (
                    <Radio key={choice} value={choice} label={t(`messages.settings.emailChoices.${choice}`)} disabled={update.isPending} />
                  ))}
                </Stack>
              </Radio.Group>
              <Switch
                label={t('messages.settings.showSeen')}
                description={t('messages.settings.showSeenHint')}
                checked={current.show_seen ?? false}
                disabled={update.isPending}
                onChange={(event) => update.mutate({ show_seen: event.currentTarget.checked })}
              />
              {update.error && (
                <Alert color="red.9" role="alert">
                  {t('messages.settings.failed')}
                </Alert>
              )}
              <Text size="sm" c="dark.7" role="status" aria-live="polite">
                {update.isSuccess ? t('messages.settings.saved') : ''}
              </Text>
            </Stack>
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}
