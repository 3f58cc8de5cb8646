// The desktop window's preload: a few named verbs for the admin UI, as `window.appliance`. It runs
// sandboxed and CommonJS, exposes no ipcRenderer, no Node and no generic send. Channel names
// match main/verbs.ts.
// A sandboxed preload is a CommonJS script, so Electron is required, not imported.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('appliance', {
  desktop: true,
  /** Copies the gateway base URL (the LAN one when exposed) and resolves with it. */
  copyGatewayUrl: (): Promise<string | null> => ipcRenderer.invoke('appliance:copy-gateway-url'),
  /** Opens the data folder in the system file manager. */
  openDataFolder: (): Promise<void> => ipcRenderer.invoke('appliance:open-data-folder'),
});
