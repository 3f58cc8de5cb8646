// Entry point: global styles, the code of the page the visit opens on (fetched alongside the
// session check), then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { App } from './app/App';
import { preloadEntryPage } from './app/nav';

preloadEntryPage(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
