// The account pages that allauth's emails link to (HEADLESS_FRONTEND_URLS in backend/config/settings/allauth.py):
// asking for a password reset, choosing a new password from the emailed key, and confirming an email address.
import { useParams } from '@/lib/router';
import { PasswordResetForm } from '@/features/auth/components/password-reset-form';
import { PasswordResetRequest } from '@/features/auth/components/password-reset-request';
import { VerifyEmail } from '@/features/auth/components/verify-email';

export function PasswordResetRequestRoute() {
  return <PasswordResetRequest />;
}

export function PasswordResetKeyRoute() {
  const { key = '' } = useParams();
  return <PasswordResetForm key={key} resetKey={key} />;
}

export function VerifyEmailRoute() {
  const { key = '' } = useParams();
  return <VerifyEmail key={key} verificationKey={key} />;
}
