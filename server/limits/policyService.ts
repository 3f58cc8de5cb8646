// Usage-limit and rate-limit policies through the Admin API (spec §2.8): create, list, read (with
// each entity's usage), update, archive, and the entities of a usage policy with their resets.
// Organisation policies are managed at organisation level only; an API key may tighten the
// policies of its workspace but never loosen one that limits its own requests (ADR 0017).
import type { Static } from 'typebox';
import { AppError, badRequest, forbidden, notFound } from '../errors.ts';
import { isoNow } from '../db/rows.ts';
import { newId } from '../ids.ts';
import type { Paging } from '../http/paging.ts';
import { type AuthContext, requireScope, requireWorkspace } from '../identity/auth.ts';
import type { LimitsEngine } from './engine.ts';
import { type PolicyCondition, compilePolicy, isPolicyKey } from './policyMatch.ts';
import type { PolicyRepository, RatePolicy, UsagePolicy } from './policyRepository.ts';
import { POLICY_OBJECT, rateView as rateViewOf, usageView as usageViewOf } from './policyViews.ts';
import type {
  CreateRatePolicyBody,
  CreateUsagePolicyBody,
  EntitiesQuery,
  UpdateRatePolicyBody,
  UpdateUsagePolicyBody,
} from './policySchemas.ts';

export interface WorkspaceLookup {
  get(idOrSlug: string): { id: string; slug: string; organisation_id: string; status: string } | null;
}

export interface PolicyServiceDeps {
  repo: PolicyRepository;
  engine: LimitsEngine;
  workspaces: WorkspaceLookup;
  now: () => number;
}

type Kind = 'usage' | 'rate';
const OBJECT = POLICY_OBJECT;

const off = () =>
  forbidden('Usage and rate limit policies are turned off on this appliance (POLICY_ENABLED=OFF); an operator can turn them on');

function checkKeys(kind: Kind, conditions: PolicyCondition[] | undefined, groups: { key: string }[] | undefined): void {
  for (const [field, keys] of [
    ['conditions', conditions?.map((c) => c.key) ?? []],
    ['group_by', groups?.map((g) => g.key) ?? []],
  ] as const) {
    for (const key of keys) {
      if (!isPolicyKey(key)) {
        throw badRequest(
          `${field}: "${key}" is not a policy key; use api_key, workspace_id, metadata.<key>, virtual_key, provider, config, prompt, model or endpoint_type`,
          { param: field },
        );
      }
      if (key === 'endpoint_type' && kind === 'usage') {
        throw badRequest(`${field}: endpoint_type applies to rate-limit policies only`, { param: field });
      }
    }
  }
}

function checkBudget(p: {
  type: string;
  credit_limit: number;
  alert_threshold?: number | null;
  periodic_reset?: string | null;
  periodic_reset_days?: number | null;
}) {
  if (p.type === 'cost' && p.credit_limit < 1)
    throw badRequest('credit_limit must be at least 1 (USD) for a cost policy', { param: 'credit_limit' });
  if (p.type === 'tokens' && p.credit_limit < 100)
    throw badRequest('credit_limit must be at least 100 for a token policy', { param: 'credit_limit' });
  if (p.type === 'requests' && (p.credit_limit < 1 || !Number.isInteger(p.credit_limit))) {
    throw badRequest('credit_limit must be a whole number of requests, at least 1', { param: 'credit_limit' });
  }
  if (p.alert_threshold != null && p.alert_threshold >= p.credit_limit) {
    throw badRequest('alert_threshold must be below credit_limit', { param: 'alert_threshold' });
  }
  if (p.periodic_reset && p.periodic_reset_days) {
    throw badRequest('Give periodic_reset or periodic_reset_days, not both', { param: 'periodic_reset_days' });
  }
}

export function policyService(deps: PolicyServiceDeps) {
  const { repo, engine } = deps;
  const table = (kind: Kind) => (kind === 'usage' ? repo.usage : repo.rate);

  const usageView = (p: UsagePolicy, includeUsage = false) => usageViewOf(engine, p, includeUsage);
  const rateView = (p: RatePolicy) => rateViewOf(engine, p);

  function enabled(): void {
    if (!engine.policiesEnabled) throw off();
  }

  /** The workspace a policy is created in: the caller's own, the one named, or none (organisation). */
  function scopeOf(auth: AuthContext, named: string | null | undefined): string | null {
    if (named) {
      const ws = deps.workspaces.get(named);
      if (!ws || ws.organisation_id !== auth.organisationId) throw notFound(`Workspace "${named}" was not found`);
      requireWorkspace(auth, ws.id);
      return ws.id;
    }
    return auth.workspaceId;
  }

  function load<K extends Kind>(auth: AuthContext, kind: K, id: string): K extends 'usage' ? UsagePolicy : RatePolicy {
    const policy = table(kind).get(id);
    if (!policy || policy.organisation_id !== auth.organisationId) throw notFound(`Policy "${id}" was not found`);
    // Workspace callers see their workspace's policies and the organisation's that bind them.
    if (policy.workspace_id !== null) requireWorkspace(auth, policy.workspace_id);
    return policy as K extends 'usage' ? UsagePolicy : RatePolicy;
  }

  /** Changing, archiving or resetting: organisation policies belong to organisation admins. */
  function requireManage(auth: AuthContext, policy: UsagePolicy | RatePolicy): void {
    if (policy.workspace_id === null && auth.workspaceId !== null) {
      throw forbidden('Only organisation admins can change an organisation-wide policy');
    }
    // A key must not lift the limits on its own requests (DESIGN.md; ADR 0017).
    if (auth.kind === 'api_key' && auth.workspaceId !== null && couldLimit(policy, auth.key.id)) {
      throw forbidden(
        'This API key is limited by this policy, so it cannot change, archive or reset it: ask a workspace or organisation admin',
      );
    }
  }

  /** Whether the policy's api_key conditions could ever match requests of this key. */
  function couldLimit(policy: UsagePolicy | RatePolicy, keyId: string): boolean {
    const keyConditions = policy.conditions.filter((c) => c.key === 'api_key');
    if (keyConditions.length === 0) return true;
    const compiled = compilePolicy(policy, keyConditions, []);
    return compiled.matches({
      api_key: keyId,
      workspace_id: '',
      workspace_slug: '',
      metadata: {},
      model: null,
      endpoint_type: '',
      config: null,
      prompt: null,
    });
  }

  function list(
    auth: AuthContext,
    kind: Kind,
    query: { workspace_id?: string; status?: string; type?: string; unit?: string },
    page: Paging,
  ) {
    enabled();
    requireScope(auth, 'policies.list');
    const ws = query.workspace_id ? scopeOf(auth, query.workspace_id) : auth.workspaceId;
    const { total, rows } = table(kind).list({
      organisationId: auth.organisationId,
      // A workspace's policies and the organisation's, which bind it too.
      workspaceIds: ws === null ? undefined : [ws],
      includeOrganisation: true,
      status: query.status ?? 'active',
      type: query.type,
      unit: kind === 'rate' ? query.unit : undefined,
      limit: page.limit,
      offset: page.offset,
    });
    const data = kind === 'usage' ? (rows as UsagePolicy[]).map((p) => usageView(p)) : (rows as RatePolicy[]).map(rateView);
    return { object: 'list' as const, total, data };
  }

  function base(
    auth: AuthContext,
    body: {
      name: string;
      description?: string | null;
      conditions: PolicyCondition[];
      group_by: { key: string }[];
      workspace_id?: string | null;
      organisation_id?: string | null;
    },
  ) {
    if (body.organisation_id && body.organisation_id !== auth.organisationId)
      throw forbidden('You cannot create policies in another organisation');
    const at = isoNow(deps.now());
    return {
      id: newId(),
      organisation_id: auth.organisationId,
      workspace_id: scopeOf(auth, body.workspace_id),
      name: body.name,
      description: body.description ?? null,
      conditions: body.conditions.map((c) => ({ key: c.key, value: c.value, ...(c.excludes != null ? { excludes: c.excludes } : {}) })),
      group_by: body.group_by.map((g) => ({ key: g.key })),
      status: 'active' as const,
      created_by: auth.userId ?? (auth.kind === 'api_key' ? auth.key.id : null),
      created_at: at,
      last_updated_at: at,
    };
  }

  function createUsage(auth: AuthContext, body: Static<typeof CreateUsagePolicyBody>) {
    enabled();
    requireScope(auth, 'policies.create');
    checkKeys('usage', body.conditions, body.group_by);
    checkBudget(body);
    const policy: UsagePolicy = {
      ...base(auth, body),
      type: body.type,
      credit_limit: body.credit_limit,
      alert_threshold: body.alert_threshold ?? null,
      periodic_reset: body.periodic_reset ?? null,
      periodic_reset_days: body.periodic_reset_days ?? null,
      next_usage_reset_at: body.next_usage_reset_at ? isoNow(Date.parse(body.next_usage_reset_at)) : null,
    };
    repo.usage.insert(policy);
    engine.reloadPolicies();
    return { id: policy.id, object: OBJECT.usage };
  }

  function createRate(auth: AuthContext, body: Static<typeof CreateRatePolicyBody>) {
    enabled();
    requireScope(auth, 'policies.create');
    checkKeys('rate', body.conditions, body.group_by);
    const policy: RatePolicy = { ...base(auth, body), target: body.target ?? 'llm', type: body.type, unit: body.unit, value: body.value };
    repo.rate.insert(policy);
    engine.reloadPolicies();
    return { id: policy.id, object: OBJECT.rate };
  }

  function get(auth: AuthContext, kind: Kind, id: string, includeUsage: boolean) {
    enabled();
    requireScope(auth, 'policies.read');
    return kind === 'usage' ? usageView(load(auth, 'usage', id), includeUsage) : rateView(load(auth, 'rate', id));
  }

  function immutable(field: string, given: unknown, stored: unknown): void {
    if (given !== undefined && JSON.stringify(given) !== JSON.stringify(stored)) {
      throw badRequest(`${field} cannot be changed on an existing policy; create a new policy instead`, { param: field });
    }
  }

  function updateUsage(auth: AuthContext, id: string, body: Static<typeof UpdateUsagePolicyBody>) {
    enabled();
    requireScope(auth, 'policies.update');
    const p = load(auth, 'usage', id);
    requireManage(auth, p);
    if (p.status === 'archived') throw badRequest('This policy is archived; create a new one instead');
    immutable('type', body.type, p.type);
    immutable(
      'group_by',
      body.group_by?.map((g) => ({ key: g.key })),
      p.group_by,
    );
    checkKeys('usage', body.conditions, undefined);
    const next = {
      type: p.type,
      credit_limit: body.credit_limit ?? p.credit_limit,
      alert_threshold: body.alert_threshold !== undefined ? body.alert_threshold : p.alert_threshold,
      periodic_reset: body.periodic_reset !== undefined ? body.periodic_reset : body.periodic_reset_days ? null : p.periodic_reset,
      periodic_reset_days:
        body.periodic_reset_days !== undefined ? body.periodic_reset_days : body.periodic_reset ? null : p.periodic_reset_days,
    };
    checkBudget(next);
    const changes: Partial<UsagePolicy> = { ...next, last_updated_at: isoNow(deps.now()) };
    if (body.name !== undefined) changes.name = body.name;
    if (body.description !== undefined) changes.description = body.description;
    if (body.conditions) changes.conditions = body.conditions;
    if (body.next_usage_reset_at !== undefined)
      changes.next_usage_reset_at = body.next_usage_reset_at ? isoNow(Date.parse(body.next_usage_reset_at)) : null;
    repo.usage.update(p.id, changes);
    engine.reloadPolicies();
    const updated = repo.usage.get(p.id)!;
    if (body.reset_usage_for_value && !engine.resetEntity(updated, body.reset_usage_for_value)) {
      throw notFound(`Policy "${id}" has counted nothing for "${body.reset_usage_for_value}"`);
    }
    return usageView(updated);
  }

  function updateRate(auth: AuthContext, id: string, body: Static<typeof UpdateRatePolicyBody>) {
    enabled();
    requireScope(auth, 'policies.update');
    const p = load(auth, 'rate', id);
    requireManage(auth, p);
    if (p.status === 'archived') throw badRequest('This policy is archived; create a new one instead');
    immutable('target', body.target, p.target);
    immutable('type', body.type, p.type);
    immutable(
      'group_by',
      body.group_by?.map((g) => ({ key: g.key })),
      p.group_by,
    );
    checkKeys('rate', body.conditions, undefined);
    const changes: Partial<RatePolicy> = { last_updated_at: isoNow(deps.now()) };
    if (body.name !== undefined) changes.name = body.name;
    if (body.description !== undefined) changes.description = body.description;
    if (body.conditions) changes.conditions = body.conditions;
    if (body.unit !== undefined) changes.unit = body.unit;
    if (body.value !== undefined) changes.value = body.value;
    repo.rate.update(p.id, changes);
    engine.reloadPolicies();
    return rateView(repo.rate.get(p.id)!);
  }

  /** Archives (Portkey's delete is a soft delete): it stops applying at once and keeps its history. */
  function archive(auth: AuthContext, kind: Kind, id: string) {
    enabled();
    requireScope(auth, 'policies.delete');
    const p = load(auth, kind, id);
    requireManage(auth, p);
    if (p.status !== 'archived') table(kind).update(p.id, { status: 'archived', last_updated_at: isoNow(deps.now()) });
    engine.reloadPolicies();
    return {};
  }

  function entities(auth: AuthContext, id: string, query: Static<typeof EntitiesQuery>, page: Paging) {
    enabled();
    requireScope(auth, 'policies.read');
    const p = load(auth, 'usage', id);
    const search = query.search?.toLowerCase();
    const all = engine
      .policyEntities(p)
      .filter(
        ({ entity, budget }) =>
          (!query.status || budget.status === query.status) && (!search || entity.valueKey.toLowerCase().includes(search)),
      )
      .sort((a, b) => a.entity.valueKey.localeCompare(b.entity.valueKey));
    const data = all.slice(page.offset, page.offset + page.limit).map(({ entity, budget }) => ({
      id: entity.id,
      value_key: entity.valueKey,
      workspace_id: entity.workspaceId,
      current_usage: budget.spent(),
      status: budget.status,
      is_threshold_alerts_sent: budget.thresholdSent,
      is_exhausted_alerts_sent: budget.exhaustedSent,
      last_reset_at: budget.lastResetAt === null ? null : isoNow(budget.lastResetAt),
      next_usage_reset_at: budget.nextResetAt === null ? null : isoNow(budget.nextResetAt),
    }));
    return { object: 'list' as const, total: all.length, data };
  }

  function resetEntity(auth: AuthContext, id: string, entityId: string) {
    enabled();
    requireScope(auth, 'policies.update');
    const p = load(auth, 'usage', id);
    requireManage(auth, p);
    if (!engine.resetEntity(p, entityId)) throw new AppError('AB08', 404, `Entity "${entityId}" of policy "${id}" was not found`);
    return {};
  }

  return { list, createUsage, createRate, get, updateUsage, updateRate, archive, entities, resetEntity };
}

export type PolicyService = ReturnType<typeof policyService>;
