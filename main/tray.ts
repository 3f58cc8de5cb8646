// The tray menu as data: what it shows for a state and which action each item runs. Electron's
// Menu.buildFromTemplate turns it into a menu (main.ts); tests read it directly.
import type { LanState, ServerStatus } from './serverProcess.ts';

export interface TrayItem {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

export interface TrayState {
  status: ServerStatus;
  lan: LanState | null;
  /** A LAN switch is under way: the checkbox waits for it. */
  switching: boolean;
}

export interface TrayActions {
  openAdminUi(): void;
  copyGatewayUrl(): void;
  /** Copies the local CA's SHA-256 fingerprint, for LAN users to compare before trusting it. */
  copyCaFingerprint(): void;
  setLanExposure(on: boolean): void;
  openDataFolder(): void;
  restartGateway(): void;
  quit(): void;
}

/** The base URL SDK clients use: the LAN's when exposed (LAN clients need it), else loopback's. */
export function gatewayUrl(state: Pick<TrayState, 'status' | 'lan'>): string | null {
  if (state.status.kind !== 'running') return null;
  const base = state.lan?.listening && state.lan.urls[0] ? state.lan.urls[0] : state.status.url;
  return `${base}/v1`;
}

function statusLine(state: TrayState): string {
  const s = state.status;
  switch (s.kind) {
    case 'running':
      return state.lan?.listening ? `Running on ${s.url} and the LAN` : `Running on ${s.url}`;
    case 'starting':
      return 'Starting…';
    case 'restarting':
      return `Restarting in ${Math.ceil(s.inMs / 1000)} s…`;
    case 'failed':
      return 'Stopped: could not start';
    case 'stopped':
      return 'Stopped';
  }
}

export function trayMenu(state: TrayState, actions: TrayActions): TrayItem[] {
  const running = state.status.kind === 'running';
  const items: TrayItem[] = [
    { label: statusLine(state), enabled: false },
    { type: 'separator' },
    { label: 'Open admin UI', click: actions.openAdminUi },
    { label: 'Copy gateway URL', enabled: running, click: actions.copyGatewayUrl },
    {
      label: 'Expose on LAN (HTTPS)',
      type: 'checkbox',
      checked: state.lan?.enabled ?? false,
      enabled: running && !state.switching,
      click: () => actions.setLanExposure(!(state.lan?.enabled ?? false)),
    },
    { label: 'Open data folder', click: actions.openDataFolder },
  ];
  const ca = state.lan?.listening ? state.lan.certificate?.ca : null;
  if (ca)
    items.splice(5, 0, { label: `Copy LAN CA fingerprint (${ca.fingerprint_sha256.slice(0, 11)}…)`, click: actions.copyCaFingerprint });
  if (state.status.kind === 'failed') items.push({ label: 'Restart gateway', click: actions.restartGateway });
  items.push({ type: 'separator' }, { label: 'Quit', click: actions.quit });
  return items;
}
