import { describe, expect, it } from 'vitest';
import { renderInvitePage } from './page.ts';

const pending = {
  state: 'pending' as const,
  email: 'eve"<img src=x onerror=alert(1)>@example.com',
  role: 'member' as const,
  expiresAt: '2030-01-08T00:00:00.000Z',
  workspaces: [{ slug: 'ws-<b>bold</b>', role: 'admin' as const }],
};

describe('invite page', () => {
  it('escapes what it shows', () => {
    const { html } = renderInvitePage(pending);
    expect(html).not.toContain('<img');
    expect(html).toContain('eve&quot;&lt;img src=x onerror=alert(1)&gt;@example.com');
    expect(html).toContain('ws-&lt;b&gt;bold&lt;/b&gt;');
  });

  it('runs only its own inline script and style, by nonce, and the script is valid JavaScript', () => {
    const { html, headers } = renderInvitePage(pending);
    const nonce = /script-src 'nonce-([^']+)'/.exec(headers['content-security-policy']!)![1]!;
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(renderInvitePage(pending).headers['content-security-policy']).not.toContain(nonce);
    const script = /<script nonce="[^"]+">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(() => new Function(script)).not.toThrow();
  });

  it.each([
    ['invalid', 404, 'not valid'],
    ['expired', 410, 'expired'],
    ['cancelled', 410, 'cancelled'],
    ['accepted', 409, 'already been used'],
  ] as const)('%s invites get a %i page without a form or script', (state, status, text) => {
    const page = renderInvitePage({ state });
    expect(page.status).toBe(status);
    expect(page.html).toContain(text);
    expect(page.html).not.toContain('<form');
    expect(page.html).not.toContain('<script');
  });
});
