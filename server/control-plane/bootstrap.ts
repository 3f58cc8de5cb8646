// First start: creates the organisation, its default workspace, the owner account, an organisation
// admin key and a workspace service key, and saves the secrets once to a 0600 file in the data dir.
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../env.ts';
import { isoNow } from '../db/rows.ts';
import { newId } from '../ids.ts';
import { hashPasswordSync, randomPassword } from '../identity/passwords.ts';
import type { Sqlite } from '../db/sqlite.ts';
import type { ApiKeysService } from './api-keys/service.ts';
import type { OrganisationRepository } from './organisation/repository.ts';
import type { UsersRepository } from './users/repository.ts';
import type { WorkspacesRepository } from './workspaces/repository.ts';
import { SCOPES_BY_KEY_TYPE } from '../identity/scopes.ts';
import { systemAuth } from '../identity/systemAuth.ts';

export const FIRST_RUN_FILE = 'first-run-credentials.json';
export const DEFAULT_WORKSPACE_SLUG = 'ws-default';

export interface FirstRunCredentials {
  organisation_id: string;
  workspace: { id: string; slug: string; name: string };
  admin_api_key: string;
  workspace_api_key: string;
  owner: { email: string; password: string; must_change_password: true };
  created_at: string;
}

/** What the first start writes through: the app's own services, so setup follows the same rules. */
export interface BootstrapDeps {
  db: Sqlite;
  repos: { organisation: OrganisationRepository; workspaces: WorkspacesRepository; users: UsersRepository };
  apiKeys: Pick<ApiKeysService, 'create'>;
  now: () => number;
  config: Pick<AppConfig, 'ownerEmail' | 'adminApiKey' | 'dataDir'>;
}

/** Returns the new credentials on first start, or null when the appliance is already set up. */
export function bootstrap({ db, repos, apiKeys, now, config }: BootstrapDeps) {
  if (repos.organisation.get()) return null;

  return db.transaction((): FirstRunCredentials => {
    const at = isoNow(now());
    const organisationId = newId();
    repos.organisation.insert({ id: organisationId, name: 'Organisation', settings: '{}', created_at: at, last_updated_at: at });

    const workspace = { id: newId(), slug: DEFAULT_WORKSPACE_SLUG, name: 'Default' };
    repos.workspaces.insert({
      ...workspace,
      organisation_id: organisationId,
      description: 'Created on first start',
      is_default: 1,
      status: 'active',
      defaults: '{}',
      usage_limits: '[]',
      rate_limits: '[]',
      created_at: at,
      last_updated_at: at,
    });

    const password = randomPassword();
    const ownerId = newId();
    repos.users.insert({
      id: ownerId,
      organisation_id: organisationId,
      email: config.ownerEmail,
      first_name: 'Owner',
      last_name: null,
      role: 'owner',
      status: 'active',
      password_hash: hashPasswordSync(password),
      must_change_password: 1,
      created_at: at,
      last_updated_at: at,
    });
    repos.users.addMember(workspace.id, ownerId, 'admin', at);

    const system = systemAuth(organisationId);
    const admin = apiKeys.create(
      system,
      'organisation',
      'service',
      { name: 'Admin API key', scopes: [...SCOPES_BY_KEY_TYPE['organisation-service']] },
      { rawKey: config.adminApiKey ?? undefined, creationMode: 'auto' },
    );
    const service = apiKeys.create(
      system,
      'workspace',
      'service',
      { name: 'Default workspace key', workspace_id: workspace.id, scopes: [...SCOPES_BY_KEY_TYPE['workspace-service']] },
      { creationMode: 'auto' },
    );

    const credentials: FirstRunCredentials = {
      organisation_id: organisationId,
      workspace,
      admin_api_key: admin.key,
      workspace_api_key: service.key,
      owner: { email: config.ownerEmail, password, must_change_password: true },
      created_at: at,
    };
    // Written inside the transaction: if the file cannot be saved, nothing is created and the next
    // start tries again, so no secret is ever lost.
    fs.writeFileSync(firstRunFile(config.dataDir), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    fs.chmodSync(firstRunFile(config.dataDir), 0o600);
    return credentials;
  })();
}

export const firstRunFile = (dataDir: string) => path.join(dataDir, FIRST_RUN_FILE);

/**
 * What the first start prints. The secrets go only to a person at a terminal (`interactive`):
 * under a service manager stdout is a journal that keeps every line, so it gets the path of the
 * 0600 file that holds them instead.
 */
export function firstRunNotice(credentials: FirstRunCredentials, dataDir: string, interactive: boolean): string {
  const file = firstRunFile(dataDir);
  if (!interactive) {
    return [
      '',
      'First start: the appliance created its organisation, an admin API key, a workspace API key and an owner login.',
      `They are saved in ${file} (mode 0600, readable only by the user the appliance runs as).`,
      'They are not printed here because this output is not a terminal and may be kept in a log.',
      '',
    ].join('\n');
  }
  return [
    '',
    'First start: the appliance created its organisation and these credentials.',
    `They are shown once and saved to ${file} (mode 0600).`,
    `  Admin API key (organisation):   ${credentials.admin_api_key}`,
    `  Workspace API key (${credentials.workspace.slug}): ${credentials.workspace_api_key}`,
    `  Owner login:                    ${credentials.owner.email} / ${credentials.owner.password} (change it at first login)`,
    '',
  ].join('\n');
}
