// The providers every page relies on: theme (light/dark from the same tokens, with the page's CSP
// nonce on Mantine's style tags), the query cache for server state, and the router.
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
// The DOM build of the provider: it can flush a router update synchronously (urlState.ts).
import { RouterProvider } from 'react-router/dom';
import { ApiError } from '../api/errors';
import { router } from './routes';
import { cssVariablesResolver, theme } from './theme';
import { CSP_NONCE } from '../lib/nonce';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A refusal or a bad request will not change on retry; a network blip may.
      retry: (failures, err) => failures < 2 && err instanceof ApiError && (err.isNetwork || err.status >= 500),
    },
  },
});

const colorSchemeManager = localStorageColorSchemeManager({ key: 'appliance-color-scheme' });

export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      getStyleNonce={() => CSP_NONCE}
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
