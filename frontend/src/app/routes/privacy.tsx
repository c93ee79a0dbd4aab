import { PrivacyJourney } from '@/features/privacy/components/privacy-page';
import { RequireLogin } from './require-login';

export function PrivacyRoute() {
  return <PrivacyJourney guard={(page) => <RequireLogin>{page}</RequireLogin>} />;
}
