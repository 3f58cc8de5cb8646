// The callers the route walks use (permissions.test.ts, escalations.test.ts): one running app with
// people of every role signed in (session cookie + CSRF token) and keys of every type, and one way
// to send a request as any of them.
import { startTestApp, type TestApp } from '../helpers/testApp.ts';
import { addWorkspace, call, workspaceKey } from './catalogTestKit.ts';
import { userKey } from './peopleTestKit.ts';
import { SCOPES_BY_KEY_TYPE } from '../../server/identity/scopes.ts';
import { WORKSPACE_ROLE_SCOPES } from '../../server/identity/roleScopes.ts';
import { type Browser, addPerson, signIn } from './sessionsTestKit.ts';
import { SESSION_COOKIE } from '../../server/identity/sessions/cookies.ts';

export const PRINCIPALS = [
  'owner', // organisation owner, signed in
  'admin', // organisation admin, signed in
  'wsAdmin', // admin of the default workspace, signed in
  'manager', // manager of the default workspace, signed in
  'member', // member of the default workspace, signed in
  'outsider', // member of another workspace only, acting in the default one
  'homeless', // organisation member in no workspace
  'orgKey', // organisation service key, every scope
  'wsKey', // workspace service key of the default workspace, every scope
  'userKey', // workspace user key of the member, with a member's scopes
  'bareKey', // workspace service key with completions.write only
  'anonymous', // no key, no cookie
] as const;
export type Principal = (typeof PRINCIPALS)[number];

export const group = (...who: Principal[]) => new Set<Principal>(who);
export const EVERYONE = group(...PRINCIPALS);
export const PEOPLE = group('owner', 'admin', 'wsAdmin', 'manager', 'member', 'homeless');
export const ORGANISATION = group('owner', 'admin', 'orgKey');
export const WS_READ = group('owner', 'admin', 'wsAdmin', 'manager', 'member', 'orgKey', 'wsKey', 'userKey');
export const WS_MANAGE = group('owner', 'admin', 'wsAdmin', 'manager', 'orgKey', 'wsKey');
export const WS_ADMIN = group('owner', 'admin', 'wsAdmin', 'orgKey', 'wsKey');

export interface Walk {
  t: TestApp;
  defaultWs: string;
  browsers: Partial<Record<Principal, Browser>>;
  keys: Partial<Record<Principal, Record<string, string>>>;
  /** The people's user ids. */
  userIds: Partial<Record<Principal, string>>;
  /** The key principals' own key ids. */
  keyIds: Partial<Record<Principal, string>>;
  /** One request as `who`; its status. */
  send(who: Principal, method: string, url: string, body: unknown): Promise<number>;
  close(): Promise<void>;
}

export async function startWalk(): Promise<Walk> {
  const t = await startTestApp({ listen: true });
  const defaultWs = t.credentials.workspace.id;
  const other = addWorkspace(t, 'ws-other').id;
  const browsers: Walk['browsers'] = {};
  const keys: Walk['keys'] = {};
  const userIds: Walk['userIds'] = {};
  const keyIds: Walk['keyIds'] = {};
  const people: [Principal, 'owner' | 'admin' | 'member', [string, 'admin' | 'manager' | 'member'][]][] = [
    ['owner', 'owner', []],
    ['admin', 'admin', []],
    ['wsAdmin', 'member', [[defaultWs, 'admin']]],
    ['manager', 'member', [[defaultWs, 'manager']]],
    ['member', 'member', [[defaultWs, 'member']]],
    ['outsider', 'member', [[other, 'member']]],
    ['homeless', 'member', []],
  ];
  for (const [who, role, workspaces] of people) {
    const user = await addPerson(t, `${who.toLowerCase()}@example.com`, role, workspaces);
    userIds[who] = user.id;
    browsers[who] = await signIn(t, user.email, 'correct horse battery staple');
  }
  keys.orgKey = t.admin;
  keys.wsKey = await workspaceKey(t, defaultWs);
  const memberScopes = WORKSPACE_ROLE_SCOPES.member.filter((s) => SCOPES_BY_KEY_TYPE['workspace-user'].includes(s));
  const memberKey = await userKey(t, defaultWs, userIds.member!, memberScopes);
  keys.userKey = memberKey.headers;
  keys.bareKey = await workspaceKey(t, defaultWs, ['completions.write']);
  keys.anonymous = {};
  // Each key principal's own id: the list shows every key's masked secret, which ends as the secret does.
  const listed = await call(t, 'GET', '/v1/api-keys?page_size=100', t.admin);
  for (const who of ['orgKey', 'wsKey', 'bareKey'] as const) {
    const tail = keys[who]!['x-portkey-api-key']!.slice(-4);
    keyIds[who] = (listed.body.data as { id: string; key: string }[]).find((k) => k.key.endsWith(tail))!.id;
  }
  keyIds.userKey = memberKey.id;

  async function send(who: Principal, method: string, url: string, body: unknown): Promise<number> {
    // The outsider names the default workspace, as a member acting there would.
    const full = who === 'outsider' ? `${url}${url.includes('?') ? '&' : '?'}workspace_id=${defaultWs}` : url;
    const browser = browsers[who];
    // A browser sends its session cookie, and the CSRF token on mutations; a client sends its key.
    const credentials = browser
      ? { cookie: `${SESSION_COOKIE}=${browser.cookie}`, ...(method === 'GET' ? {} : { 'x-csrf-token': browser.csrf! }) }
      : keys[who];
    const res = await fetch(t.url + full, {
      method,
      headers: { ...credentials, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  return { t, defaultWs, browsers, keys, userIds, keyIds, send, close: () => t.close() };
}
