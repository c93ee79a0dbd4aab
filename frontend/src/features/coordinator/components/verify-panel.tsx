import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { useLabels } from '@/lib/reference';
import { useUnverifiedMentors } from '../api/get-unverified-mentors';
import { useVerifyProfile } from '../api/verify-profile';
import { formatList } from '@/lib/format';

export function VerifyPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const mentors = useUnverifiedMentors(programmeId);
  const verify = useVerifyProfile(programmeId);
  const sector = useLabels('sectors');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack>
      {notice && (
        <Text role="status" aria-live="polite">
          {notice}
        </Text>
      )}
      {verify.error && (
        <Alert color="red.9" role="alert">
          {verify.error.message}
        </Alert>
      )}
      <QueryState query={mentors} isEmpty={(list) => list.length === 0} empty={t('coordinator.verify.none')}>
        {(list) => (
          <Stack gap="xs">
            {list.map((mentor) => (
              <Paper key={mentor.id} withBorder p="sm">
                <Group justify="space-between" wrap="wrap">
                  <div>
                    <Text fw={600} dir="auto">
                      {mentor.full_name || mentor.display_name}
                    </Text>
                    <Text size="sm">
                      {[mentor.city, formatList(mentor.sectors.map(sector)), formatList(mentor.languages.map((l) => `${l.code} ${l.level}`))]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </div>
                  <Button
                    size="xs"
                    loading={verify.isPending && verify.variables === mentor.id}
                    onClick={() =>
                      verify.mutate(mentor.id, {
                        onSuccess: () => setNotice(t('coordinator.verify.verified', { name: mentor.full_name || mentor.display_name })),
                      })
                    }
                  >
                    {t('coordinator.verify.verify', { name: mentor.full_name || mentor.display_name })}
                  </Button>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
