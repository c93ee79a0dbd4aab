// A mentor marks herself unavailable or changes how many mentees she takes; a 409 (e.g. below her open matches) is shown.
import { Alert, Button, Checkbox, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { QueryState } from '@/components/query-state';
import { useProfile } from '../api/get-profile';
import { useUpdateAvailability } from '../api/update-availability';

export function AvailabilityForm({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const profile = useProfile(profileId);
  const update = useUpdateAvailability(profileId);
  const [available, setAvailable] = useState(true);
  const [capacity, setCapacity] = useState<number>(1);
  // A field error (e.g. a capacity below her open matches) sits by its field; anything else goes in the alert.
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const general = update.error instanceof ApiError ? update.error.generalErrors : update.error ? [update.error.message] : [];

  useEffect(() => {
    if (profile.data) {
      setAvailable(profile.data.available ?? true);
      setCapacity(profile.data.capacity ?? 1);
    }
  }, [profile.data]);

  return (
    <Paper withBorder p="md">
      <QueryState query={profile}>
        {() => (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate({ available, capacity });
            }}
          >
            <Stack>
              <Title order={2} size="h3">
                {t('mentor.settingsTitle')}
              </Title>
              <Checkbox
                label={t('mentor.available')}
                checked={available}
                onChange={(e) => setAvailable(e.currentTarget.checked)}
                error={fieldErrors.available}
              />
              <NumberInput
                label={t('mentor.capacity')}
                min={1}
                max={10}
                value={capacity}
                onChange={(value) => setCapacity(typeof value === 'number' ? value : Number(value) || 1)}
                w={200}
                error={fieldErrors.capacity}
              />
              {general.length > 0 && (
                <Alert color="red.9" role="alert">
                  {general.join(' ')}
                </Alert>
              )}
              {update.isSuccess && (
                <Text role="status" c="green.9">
                  {t('common.saved')}
                </Text>
              )}
              <Button type="submit" loading={update.isPending} w="fit-content">
                {t('common.save')}
              </Button>
            </Stack>
          </form>
        )}
      </QueryState>
    </Paper>
  );
}
