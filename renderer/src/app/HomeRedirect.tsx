// `/`: the dashboard, or the first-run setup while the organisation has no model server yet.
import { Navigate } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { isOrgAdmin, useSession } from '../features/auth/session';

export function HomeRedirect() {
  const self = useSession();
  const admin = isOrgAdmin(self);
  const integrations = useQuery({
    queryKey: ['integrations', 'any'],
    queryFn: () => unwrap(api.GET('/v1/integrations', { params: { query: { page_size: 1 } } })),
    enabled: admin,
  });
  if (admin && integrations.isPending) {
    return (
      <Center h="50vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const firstRun = admin && integrations.data?.total === 0;
  return <Navigate to={firstRun ? '/welcome' : '/dashboard'} replace />;
}
