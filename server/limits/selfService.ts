// What a caller can see of the limits that bind it, with its own key and no admin rights
// (GET /v1/usage, as Bifrost offers for its virtual keys), and the budget alerts an admin lists
// (GET /v1/notifications). Reading either counts nothing.
import { forbidden } from '../errors.ts';
import type { Paging } from '../http/paging.ts';
import { type AuthContext, type RateLimit, type UsageLimits, requireApiKey } from '../identity/auth.ts';
import { usageSubject } from '../identity/usage.ts';
import { isoNow, parseJson } from '../db/rows.ts';
import type { LimitsEngine, ProviderFacts } from './engine.ts';
import { type MatchFacts, compilePolicy } from './policyMatch.ts';
import type { PolicyRepository, RatePolicy, UsagePolicy } from './policyRepository.ts';
import type { LimitsStore } from './store.ts';

export interface SelfServiceDeps {
  engine: LimitsEngine;
  store: LimitsStore;
  policies: PolicyRepository;
  /** The workspace's budgets, rate limits and default metadata. */
  workspace: (id: string) => {
    id: string;
    slug: string;
    usageLimits: UsageLimits[];
    rateLimits: RateLimit[];
    defaults: { metadata?: Record<string, string> };
  } | null;
  /** Slugs of the workspace's providers, and each resolved from the catalog. */
  providerSlugs: (workspaceId: string) => string[];
  providers: (workspaceId: string, slug: string) => ProviderFacts | null;
}

/**
 * Keys the caller's own standing settles: its key, its workspace, and metadata its key or workspace
 * defaults set (they win over the request's). A condition on any other key depends on each request.
 */
const STATIC_KEYS = new Set<string>(['api_key', 'workspace_id']);

export function selfService(deps: SelfServiceDeps) {
  const { engine } = deps;

  const budget = (key: string, limits: UsageLimits) => ({ ...engine.headroom(key, limits, limits), enforced: engine.enabled });
  const rates = (prefix: string, limits: readonly RateLimit[] | null | undefined) =>
    (limits ?? []).map((l) => ({ type: l.type, unit: l.unit, value: l.value, ...engine.rateState(prefix, l), enforced: engine.enabled }));

  function providerView(facts: ProviderFacts, workspaceId: string) {
    const p = facts.provider;
    const allocation = facts.integration.workspaceAllocation;
    return {
      slug: p.slug,
      budget: p.usageLimits ? budget(usageSubject.provider(p.id), p.usageLimits) : null,
      rate_limits: rates(`provider:${p.id}`, p.rateLimits),
      max_concurrent_requests: p.maxConcurrentRequests ?? null,
      integration: {
        slug: facts.integration.slug,
        max_concurrent_requests: facts.integration.maxConcurrentRequests ?? null,
        budget: allocation?.usageLimits[0]
          ? budget(usageSubject.allocation(facts.integration.id, workspaceId), allocation.usageLimits[0])
          : null,
        rate_limits: allocation ? rates(`allocation:${facts.integration.id}:${workspaceId}`, allocation.rateLimits) : [],
      },
    };
  }

  /** GET /v1/usage: the caller key's, its workspace's, its providers' and its policies' headroom. */
  function usage(auth: AuthContext | null) {
    if (!auth) throw forbidden();
    const caller = requireApiKey(auth);
    if (caller.workspaceId === null) throw forbidden('GET /v1/usage shows the limits of a workspace API key; organisation keys have none');
    const key = caller.key;
    const ws = deps.workspace(caller.workspaceId);
    if (!ws) throw forbidden('This API key belongs to a workspace that is gone');
    const providers = deps
      .providerSlugs(ws.id)
      .map((slug) => deps.providers(ws.id, slug))
      .filter((p): p is ProviderFacts => p !== null)
      .map((p) => providerView(p, ws.id));
    return {
      object: 'usage' as const,
      usage_limits_enabled: engine.enabled,
      policies_enabled: engine.policiesEnabled,
      api_key: {
        id: key.id,
        name: key.name,
        budget: key.usageLimits ? budget(usageSubject.apiKey(key.id), key.usageLimits) : null,
        rate_limits: rates(`api_key:${key.id}`, key.rateLimits),
      },
      workspace: {
        id: ws.id,
        slug: ws.slug,
        budgets: ws.usageLimits.map((u, i) => budget(usageSubject.workspace(ws.id, i), u)),
        rate_limits: rates(`workspace:${ws.id}`, ws.rateLimits),
      },
      providers,
      policies: engine.policiesEnabled
        ? policies(caller.organisationId, key.id, ws, { ...key.defaults.metadata, ...ws.defaults.metadata })
        : [],
    };
  }

  /** Policies whose conditions on the caller's standing match; the rest of their conditions depend on each request. */
  function policies(org: string, keyId: string, ws: { id: string; slug: string }, metadata: Record<string, string>) {
    const facts: MatchFacts = {
      api_key: keyId,
      workspace_id: ws.id,
      workspace_slug: ws.slug,
      metadata,
      model: null,
      endpoint_type: '',
      config: null,
      prompt: null,
    };
    const isStatic = (key: string) => STATIC_KEYS.has(key) || (key.startsWith('metadata.') && key.slice('metadata.'.length) in metadata);
    const applies = (p: UsagePolicy | RatePolicy) => {
      if (p.organisation_id !== org || (p.workspace_id !== null && p.workspace_id !== ws.id)) return null;
      const compiled = compilePolicy(
        p,
        p.conditions.filter((c) => isStatic(c.key)),
        p.group_by,
      );
      if (!compiled.matches(facts)) return null;
      const perRequest = p.conditions.some((c) => !isStatic(c.key)) || p.group_by.some((g) => !isStatic(g.key));
      return { compiled, perRequest };
    };
    const out: Record<string, unknown>[] = [];
    for (const p of deps.policies.usage.active()) {
      const match = applies(p);
      if (!match) continue;
      const valueKey = match.perRequest ? null : match.compiled.valueKey(facts);
      const entity = valueKey === null ? undefined : engine.policyEntities(p).find((e) => e.entity.valueKey === valueKey);
      out.push({
        id: p.id,
        kind: 'usage_limit',
        name: p.name,
        type: p.type,
        credit_limit: p.credit_limit,
        depends_on_request: match.perRequest,
        value_key: valueKey,
        current_usage: entity ? entity.budget.spent() : valueKey === null ? null : 0,
        remaining: entity ? Math.max(0, p.credit_limit - entity.budget.spent()) : valueKey === null ? null : p.credit_limit,
        status: entity?.budget.status ?? 'active',
      });
    }
    for (const p of deps.policies.rate.active()) {
      const match = applies(p);
      if (!match || p.target !== 'llm') continue;
      const valueKey = match.perRequest ? null : match.compiled.valueKey(facts);
      const state =
        valueKey === null ? null : engine.rateState(`rate_policy:${p.id}:${valueKey}`, { type: p.type, unit: p.unit, value: p.value });
      out.push({
        id: p.id,
        kind: 'rate_limit',
        name: p.name,
        type: p.type,
        unit: p.unit,
        value: p.value,
        depends_on_request: match.perRequest,
        value_key: valueKey,
        ...(state ?? {}),
      });
    }
    return out;
  }

  /** GET /v1/notifications: newest first; a workspace caller sees its workspace's. */
  function notifications(auth: AuthContext, query: { since?: string; workspace_id?: string }, page: Paging) {
    // What was crossed in the last second is written first, so the list is never behind.
    engine.flush();
    const workspaceId = auth.workspaceId ?? query.workspace_id ?? null;
    const { total, rows } = deps.store.notifications({
      organisationId: auth.organisationId,
      workspaceId,
      since: query.since ? isoNow(Date.parse(query.since)) : undefined,
      limit: page.limit,
      offset: page.offset,
    });
    return {
      object: 'list' as const,
      total,
      data: rows.map((r) => ({
        id: r.id,
        object: 'notification' as const,
        type: r.type,
        workspace_id: r.workspace_id,
        subject_type: r.subject_type,
        subject_id: r.subject_id,
        message: r.message,
        data: parseJson<Record<string, unknown>>(r.data, {}),
        created_at: r.created_at,
      })),
    };
  }

  return { usage, notifications };
}

export type SelfService = ReturnType<typeof selfService>;
