// The named verbs the preload (preload.cts) offers the admin UI in the desktop window, and their
// handlers in the main process. Each handler first checks that the asking frame is the appliance's
// own page: a frame from anywhere else gets an error, never the verb.
import { isTrustedUrl } from './trustedUrl.ts';

/** Channel names shared with preload.cts (which cannot import this ESM module: it stays CommonJS). */
export const VERB_CHANNELS = {
  copyGatewayUrl: 'appliance:copy-gateway-url',
  openDataFolder: 'appliance:open-data-folder',
} as const;

export interface IpcMainLike {
  handle(channel: string, handler: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
}

export interface VerbHandlers {
  copyGatewayUrl(): string | null;
  openDataFolder(): void;
}

export function registerVerbs(ipc: IpcMainLike, origin: () => string, handlers: VerbHandlers): void {
  const guarded =
    <T>(run: () => T) =>
    (event: { senderFrame: { url: string } | null }) => {
      const from = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(from, origin())) throw new Error('This page may not use the desktop shell');
      return run();
    };
  ipc.handle(VERB_CHANNELS.copyGatewayUrl, guarded(handlers.copyGatewayUrl));
  ipc.handle(VERB_CHANNELS.openDataFolder, guarded(handlers.openDataFolder));
}
