// Above every page: sends the person back to sign in, with a message, when the server says their
// session ended (any 401) or when it reaches its expiry time.
import { Suspense, useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { onSessionExpired } from '../api/client';
import { storeSession, useSelf } from '../features/auth/session';

export function Root() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const { data: self } = useSelf();

  useEffect(() => {
    const expire = () => {
      if (location.pathname === '/login' || location.pathname === '/docs') return;
      storeSession(client, null);
      const next = `${location.pathname}${location.search}`;
      void navigate(`/login?reason=expired&next=${encodeURIComponent(next)}`, { replace: true });
    };
    const unsubscribe = onSessionExpired(expire);
    const left = self ? Date.parse(self.expires_at) - Date.now() : null;
    // setTimeout's limit is about 24.8 days; sessions are far shorter.
    const timer = left !== null && left < 2 ** 31 - 1 ? window.setTimeout(expire, Math.max(0, left)) : undefined;
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [client, navigate, location.pathname, location.search, self]);

  return (
    <Suspense
      fallback={
        <Center h="100vh">
          <Loader aria-label="Loading" />
        </Center>
      }
    >
      <Outlet />
    </Suspense>
  );
}
