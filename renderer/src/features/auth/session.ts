// The signed-in person, as /v1/auth/self says, held in the query cache: read by every page,
// set by sign-in and password change, cleared by sign-out and when the server says the session
// ended. The CSRF token travels with it to the API client.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { SelfView } from '../../api/types';

export const SELF_KEY = ['auth', 'self'] as const;

async function fetchSelf(): Promise<SelfView | null> {
  try {
    const self = await unwrap(api.GET('/v1/auth/self'));
    setCsrfToken(self.csrf_token);
    return self;
  } catch (err) {
    // No session, or one that ended: the sign-in page, not an error page.
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useSelf() {
  return useQuery({ queryKey: SELF_KEY, queryFn: fetchSelf, staleTime: 60_000, retry: false });
}

/** Every caller of useSession sits under RequireSession, so the session is there. */
export function useSession(): SelfView {
  const { data } = useSelf();
  if (!data) throw new Error('useSession outside a signed-in page');
  return data;
}

export function storeSession(client: QueryClient, self: SelfView | null): void {
  setCsrfToken(self?.csrf_token ?? null);
  if (self === null) client.clear();
  client.setQueryData(SELF_KEY, self);
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await unwrap(api.POST('/v1/auth/logout'));
    } finally {
      storeSession(client, null);
    }
  };
}

/** Owners and admins act across the organisation; they see the organisation pages. */
export const isOrgAdmin = (self: SelfView) => self.user.role === 'owner' || self.user.role === 'admin';
