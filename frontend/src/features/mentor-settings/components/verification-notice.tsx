// A new mentor waits until a coordinator has checked her: say so plainly, and what happens then.
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../api/get-profile';

export function VerificationNotice({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const profile = useProfile(profileId);
  if (!profile.data || profile.data.verified) return null;
  return (
    <Alert color="yellow" title={t('mentoring.verification.title')} data-testid="verification-notice" c="dark.9">
      <List size="sm" spacing={4}>
        <List.Item>{t('mentoring.verification.step1')}</List.Item>
        <List.Item>{t('mentoring.verification.step2')}</List.Item>
      </List>
    </Alert>
  );
}
