// Gate of the console: no session -> sign in; a first-run or reset password -> change it first.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useSelf } from '../features/auth/session';
import { ErrorState } from '../components/ErrorState';

export function RequireSession({ children }: { children: ReactNode }) {
  const { data: self, isPending, error, refetch } = useSelf();
  const location = useLocation();
  if (isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (error) {
    return (
      <Center h="100vh">
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Center>
    );
  }
  if (!self) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (self.must_change_password) return <Navigate to="/change-password" replace />;
  return children;
}
