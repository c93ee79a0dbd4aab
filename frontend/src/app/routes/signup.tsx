import { useNavigate, useParams, useSearchParams } from '@/lib/router';
import { SIGNUP_ROLES, type SignUpRole } from '@/features/signup/components/signup-fields';
import { SignUpPage } from '@/features/signup/components/signup-form';
import { WhatNext } from '@/features/signup/components/what-next';

function roleFrom(value: string | null): SignUpRole {
  return SIGNUP_ROLES.find((role) => role === value) ?? 'mentee';
}

export function SignUpRoute() {
  const { programmeId = '' } = useParams();
  const [search] = useSearchParams();
  const role = roleFrom(search.get('role'));
  const navigate = useNavigate();
  return (
    <SignUpPage
      key={role}
      programmeId={programmeId}
      role={role}
      onDone={() => void navigate(role === 'mentee' ? '/welcome' : '/welcome?role=mentor')}
    />
  );
}

export function WelcomeRoute() {
  const [search] = useSearchParams();
  return <WhatNext role={search.get('role') === 'mentor' ? 'mentor' : 'mentee'} />;
}
