// The router: public pages (sign-in, password change, the API explorer), then the console shell
// with one route per entry of the nav table.
import { createBrowserRouter, Navigate } from 'react-router';
import { lazy } from 'react';
import { NAV } from './nav';
import { Root } from './Root';
import { RequireSession } from './RequireSession';
import { Shell } from './Shell';
import { HomeRedirect } from './HomeRedirect';
import { NotFoundPage } from './NotFoundPage';
import { LoginPage } from '../features/auth/LoginPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';

const ApiExplorerPage = lazy(() => import('../features/docs/ApiExplorerPage'));
const OnboardingPage = lazy(() => import('../features/onboarding/OnboardingPage'));

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/change-password', element: <ChangePasswordPage /> },
      { path: '/docs', element: <ApiExplorerPage /> },
      {
        element: (
          <RequireSession>
            <Shell />
          </RequireSession>
        ),
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: '/welcome', element: <OnboardingPage /> },
          ...NAV.map((item) => ({ path: `${item.path}/*`, element: <item.page /> })),
          { path: '/home', element: <Navigate to="/" replace /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
