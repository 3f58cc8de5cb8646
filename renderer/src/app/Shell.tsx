// The console frame: the left nav (workspace switcher, grouped pages) and the top bar around the
// current page. Pages render in <main>, each under its own error boundary.
import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { AppShell, Center, Loader } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavBar } from './NavBar';
import { usePageCode } from './nav';
import { TopBar } from './TopBar';
import { WorkspaceProvider } from './workspace';
import { PageErrorBoundary } from '../components/PageErrorBoundary';

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const pageReady = usePageCode(location.pathname);
  const loading = (
    <Center h="40vh">
      <Loader aria-label="Loading page" />
    </Center>
  );
  return (
    <WorkspaceProvider>
      <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <TopBar navOpened={opened} onToggleNav={toggle} />
        </AppShell.Header>
        <AppShell.Navbar aria-label="Main">
          <NavBar onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <PageErrorBoundary key={location.pathname}>
            <Suspense fallback={loading}>{pageReady ? <Outlet /> : loading}</Suspense>
          </PageErrorBoundary>
        </AppShell.Main>
      </AppShell>
    </WorkspaceProvider>
  );
}
