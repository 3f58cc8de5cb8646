// The page an invite link opens: a small, self-contained HTML form (no external assets, so it works
// in an air-gapped network and before the admin UI is built) that sets a name and password and
// posts them to /v1/auth/invites/accept. The token stays in the URL path; the page reads it from
// there, sends no Referer, and is never cached.
import crypto from 'node:crypto';
import type { InvitePreview } from './service.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; background: #f4f5f7; color: #1d2433; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.35rem; margin: 0 0 .75rem; }
  label { display: block; margin: .9rem 0 .25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #b8bfcc; border-radius: 4px; font: inherit; }
  input[readonly] { background: #eef0f4; }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; border: 0; border-radius: 4px; background: #2e5bd8;
           color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button[disabled] { opacity: .6; cursor: wait; }
  .error { color: #b3261e; min-height: 1.5em; }
  .key { font-family: ui-monospace, monospace; word-break: break-all; background: #eef0f4; padding: .5rem; border-radius: 4px; }
  ul { padding-left: 1.2rem; }
`;

const SCRIPT = `
  const form = document.getElementById('accept');
  const error = document.getElementById('error');
  const token = decodeURIComponent(location.pathname.replace(/^\\/invite\\//, '').replace(/\\/$/, ''));
  const text = (tag, value, cls) => { const el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    if (data.get('password') !== data.get('confirm')) { error.textContent = 'The two passwords differ.'; return; }
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const res = await fetch('/v1/auth/invites/accept', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: data.get('password'), first_name: data.get('first_name'), last_name: data.get('last_name') }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) { error.textContent = (body.data && body.data.message) || 'The account could not be created (HTTP ' + res.status + ').'; return; }
      form.hidden = true;
      const done = document.getElementById('done');
      for (const k of body.api_keys || []) {
        done.insertBefore(text('p', 'API key for workspace ' + k.workspace_slug + ' (copy it now: it is not shown again):'), done.lastElementChild);
        done.insertBefore(text('p', k.key, 'key'), done.lastElementChild);
      }
      done.hidden = false;
    } catch (e) {
      error.textContent = 'The appliance could not be reached: ' + e.message;
    } finally {
      button.disabled = false;
    }
  });
`;

const MESSAGES: Record<Exclude<InvitePreview['state'], 'pending'>, { status: number; text: string }> = {
  invalid: {
    status: 404,
    text: 'This invite link is not valid. Check that you copied all of it, or ask an administrator for a new invite.',
  },
  expired: { status: 410, text: 'This invite has expired. Ask an administrator to resend it.' },
  cancelled: { status: 410, text: 'This invite was cancelled. Ask an administrator for a new invite.' },
  accepted: { status: 409, text: 'This invite has already been used. Sign in with the account it created.' },
};

export interface RenderedPage {
  status: number;
  html: string;
  headers: Record<string, string>;
}

function document(nonce: string, title: string, body: string, script: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script nonce="${nonce}">${SCRIPT}</script>` : ''}
</body>
</html>
`;
}

export function renderInvitePage(preview: InvitePreview): RenderedPage {
  const nonce = crypto.randomBytes(16).toString('base64');
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy':
      `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; ` +
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  };
  if (preview.state !== 'pending') {
    const { status, text } = MESSAGES[preview.state];
    return { status, headers, html: document(nonce, 'Invite', `<h1>Invite</h1>\n<p class="error">${escapeHtml(text)}</p>`, false) };
  }
  const workspaces = preview.workspaces.length
    ? `<p>You will join these workspaces:</p>\n<ul>${preview.workspaces
        .map((w) => `<li>${escapeHtml(w.slug)} (${escapeHtml(w.role)})</li>`)
        .join('')}</ul>`
    : '';
  const body = `<h1>Set up your account</h1>
<p>You have been invited to the organisation as <strong>${escapeHtml(preview.role)}</strong>.
This invite expires on ${escapeHtml(preview.expiresAt)}.</p>
${workspaces}
<form id="accept">
<label for="email">Email</label>
<input id="email" value="${escapeHtml(preview.email)}" readonly autocomplete="username">
<label for="first_name">First name</label>
<input id="first_name" name="first_name" required maxlength="255" autocomplete="given-name">
<label for="last_name">Last name</label>
<input id="last_name" name="last_name" maxlength="255" autocomplete="family-name">
<label for="password">Password (at least 8 characters)</label>
<input id="password" name="password" type="password" required minlength="8" maxlength="1024" autocomplete="new-password">
<label for="confirm">Repeat the password</label>
<input id="confirm" name="confirm" type="password" required minlength="8" maxlength="1024" autocomplete="new-password">
<button type="submit">Create my account</button>
<p id="error" class="error" role="alert"></p>
</form>
<section id="done" hidden>
<h1>Your account is ready</h1>
<p><a href="/">Open the admin console</a></p>
</section>
<noscript><p class="error">This page needs JavaScript to send the form.</p></noscript>`;
  return { status: 200, headers, html: document(nonce, 'Join the organisation', body, true) };
}
