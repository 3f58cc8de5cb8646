// The shell's own pages, shown while the gateway starts, restarts or has failed: self-contained
// HTML as data: URLs (no remote content, no scripts: the CSP allows inline styles only). Log lines
// are untrusted text and are escaped.
import type { ServerStatus } from './serverProcess.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2933}h1{font-size:1.3rem}
pre{background:#f4f5f7;padding:1rem;overflow:auto;max-height:60vh;font:12px ui-monospace,monospace;white-space:pre-wrap}</style>
</head><body>${body}</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** The page for a status that is not `running` (that one shows the admin UI itself). */
export function statusPage(status: Exclude<ServerStatus, { kind: 'running' }>, dataDir: string): string {
  switch (status.kind) {
    case 'starting':
      return page('Starting', `<h1>Starting the gateway…</h1><p>Data folder: ${escapeHtml(dataDir)}</p>`);
    case 'restarting':
      return page(
        'Restarting',
        `<h1>The gateway stopped unexpectedly</h1><p>It exited with code ${escapeHtml(String(status.exitCode ?? 'unknown'))}.
Restarting it in ${Math.ceil(status.inMs / 1000)} s (attempt ${status.attempt}).</p>`,
      );
    case 'failed':
      return page(
        'The gateway could not start',
        `<h1>${escapeHtml(status.reason)}</h1>
<p>The last lines it wrote are below. Fix the cause, then choose <b>Restart gateway</b> in the tray menu.</p>
<p>Data folder: ${escapeHtml(dataDir)}</p>
<pre>${escapeHtml(status.logTail.join('\n')) || '(no output)'}</pre>`,
      );
    case 'stopped':
      return page('Stopped', '<h1>The gateway is stopped.</h1>');
  }
}

/** The HTML inside a data: URL made by statusPage (for tests and logs). */
export const pageHtml = (dataUrl: string) => decodeURIComponent(dataUrl.replace(/^data:text\/html;charset=utf-8,/, ''));
