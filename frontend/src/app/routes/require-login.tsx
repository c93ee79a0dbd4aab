import type { ReactNode } from 'react';
import { Navigate } from '@/lib/router';
import { Loading } from '@/components/query-state';
import { useSession } from '@/lib/auth';

export function RequireLogin({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!session.data) return <Navigate to="/login" replace />;
  return <>{children}</>;
}
