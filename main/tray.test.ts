// The shell's status pages and tray menu as data: what a desktop user reads in them.
import { describe, expect, it } from 'vitest';
import { pageHtml, statusPage } from './pages.ts';
import type { ServerStatus } from './serverProcess.ts';
import { gatewayUrl, trayMenu } from './tray.ts';

const URL_ = 'http://127.0.0.1:8787';

describe('pages and tray', () => {
  it('escapes log lines on the failure page and allows no scripts', () => {
    const html = pageHtml(statusPage({ kind: 'failed', reason: 'Boom <b>', logTail: ['<script>alert(1)</script>', 'a & b'] }, '/data'));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).toContain('Boom &lt;b&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('gives the LAN URL to copy only while the LAN listener is up', () => {
    const running: ServerStatus = { kind: 'running', url: URL_, port: 8787 };
    const lan = { enabled: true, listening: true, urls: ['https://gw:8443'], error: null, certificate: null };
    expect(gatewayUrl({ status: running, lan: null })).toBe(`${URL_}/v1`);
    expect(gatewayUrl({ status: running, lan })).toBe('https://gw:8443/v1');
    expect(gatewayUrl({ status: running, lan: { ...lan, listening: false } })).toBe(`${URL_}/v1`);
    expect(gatewayUrl({ status: { kind: 'starting', attempt: 0 }, lan })).toBeNull();
    const noop = () => undefined;
    const items = trayMenu(
      { status: { kind: 'starting', attempt: 0 }, lan: null, switching: false },
      {
        openAdminUi: noop,
        copyGatewayUrl: noop,
        copyCaFingerprint: noop,
        setLanExposure: noop,
        openDataFolder: noop,
        restartGateway: noop,
        quit: noop,
      },
    );
    expect(items.map((i) => i.label ?? '-')).toEqual([
      'Starting…',
      '-',
      'Open admin UI',
      'Copy gateway URL',
      'Expose on LAN (HTTPS)',
      'Open data folder',
      '-',
      'Quit',
    ]);
    expect(items.find((i) => i.label === 'Expose on LAN (HTTPS)')!.enabled).toBe(false);
  });
});
