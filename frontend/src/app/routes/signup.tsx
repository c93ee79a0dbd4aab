import { useNavigate, useParams } from 'react-router';
import { SignUpPage } from '@/features/signup/components/signup-form';
import { WhatNext } from '@/features/signup/components/what-next';

export function SignUpRoute() {
  const { programmeId = '' } = useParams();
  const navigate = useNavigate();
  return <SignUpPage programmeId={programmeId} onDone={() => void navigate('/welcome')} />;
}

export function WelcomeRoute() {
  return <WhatNext />;
}
