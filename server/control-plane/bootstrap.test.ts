// What the first start prints: the secrets for a person at a terminal, only the credentials file's
// path for a service manager's journal. (The child-process test in test/data-privacy.test.ts runs
// the non-terminal case end to end; a terminal cannot be attached to a test's child here.)
import { describe, expect, it } from 'vitest';
import { firstRunNotice, type FirstRunCredentials } from './bootstrap.ts';

const credentials: FirstRunCredentials = {
  organisation_id: 'org-1',
  workspace: { id: 'ws-1', slug: 'ws-default', name: 'Default' },
  admin_api_key: 'pk-admin-secret-0123456789abcdefghijklmnop',
  workspace_api_key: 'pk-workspace-secret-0123456789abcdefghijkl',
  owner: { email: 'owner@appliance.local', password: 'owner-password-0123', must_change_password: true },
  created_at: '2026-01-01T00:00:00.000Z',
};
const secrets = [credentials.admin_api_key, credentials.workspace_api_key, credentials.owner.password];

describe('firstRunNotice', () => {
  it('at a terminal: shows the keys and the owner login once, and where they are saved', () => {
    const text = firstRunNotice(credentials, '/var/lib/gw', true);
    for (const secret of secrets) expect(text).toContain(secret);
    expect(text).toContain('/var/lib/gw/first-run-credentials.json');
  });

  it('anywhere else (a pipe, a journal): names the 0600 file and no secret', () => {
    const text = firstRunNotice(credentials, '/var/lib/gw', false);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('/var/lib/gw/first-run-credentials.json (mode 0600');
  });
});
