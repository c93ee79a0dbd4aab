import { useNavigate } from '@/lib/router';
import { LoginForm } from '@/features/auth/components/login-form';

export function LoginRoute() {
  const navigate = useNavigate();
  return (
    <LoginForm
      onLoggedIn={(role, programmeId) => void navigate(role === 'coordinator' ? `/coordinator/${programmeId ?? ''}` : '/me')}
    />
  );
}
