// The catalog's lists for the current workspace, shared by the catalog page and the integration drawer.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function useIntegrations(workspaceId: string) {
  return useQuery({
    queryKey: ['integrations', 'list', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/integrations', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } })),
  });
}

export function useProviders(workspaceId: string) {
  return useQuery({
    queryKey: ['providers', 'list', workspaceId],
    queryFn: () => unwrap(api.GET('/v1/providers', { params: { query: { workspace_id: workspaceId, page_size: 1000 } } })),
  });
}
