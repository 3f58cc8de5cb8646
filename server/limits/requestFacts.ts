// What the limits engine reads from a gateway request, target and log event (structural: the
// gateway's own types fit without this domain importing them), and what a request is admitted
// against: its budgets and windows, with whose they are.
import type { AppError } from '../errors.ts';
import type { ApiKeyAuth, RateLimit, UsageLimits } from '../identity/auth.ts';
import type { Budget } from './budget.ts';
import type { Owner } from './alerts.ts';
import { type MatchFacts, endpointType } from './policyMatch.ts';
import type { RateUnit, SlidingWindow } from './windows.ts';

export interface LimitsRequest {
  id: string;
  traceId: string;
  path: string;
  endpoint: string;
  auth: ApiKeyAuth;
  workspace: { id: string; slug: string; usageLimits?: readonly UsageLimits[]; rateLimits?: readonly RateLimit[] };
  metadata: Record<string, string>;
  clientHeaders: Record<string, string | string[] | undefined>;
  timings: { queued?: number };
  abort: {
    signal: {
      aborted: boolean;
      addEventListener(t: 'abort', l: () => void, o?: { once?: boolean }): void;
      removeEventListener(t: 'abort', l: () => void): void;
    };
  };
  onDone: (() => void)[];
}

export interface LimitsCall {
  body: Record<string, unknown> | null;
}

export interface LimitsTarget {
  providerSlug: string | null;
  label: string;
  spec: { id: string };
}

/** The request-log event fields that metering reads. */
export interface MeteredEvent {
  cost: number; // cents
  total_units: number;
  response_status_code: number;
  upstream_response_time: number | null;
  cache_status: string;
  virtual_key: string | null;
}

/** A catalog provider as the catalog resolves it (control-plane/catalog/resolver.ts ResolvedProvider). */
export interface ProviderFacts {
  provider: {
    id: string;
    slug: string;
    usageLimits: UsageLimits | null;
    rateLimits: RateLimit[] | null;
    maxConcurrentRequests?: number | null;
  };
  integration: {
    id: string;
    slug: string;
    maxConcurrentRequests?: number | null;
    workspaceAllocation: { usageLimits: UsageLimits[]; rateLimits: RateLimit[] } | null;
  };
}

export interface BudgetUse {
  budget: Budget;
  owner: Owner;
}

export interface WindowUse {
  key: string;
  window: SlidingWindow;
  owner: Owner;
  type: 'requests' | 'tokens';
  unit: RateUnit;
}

export interface Decision {
  refused: AppError | null;
  headers: Record<string, string>;
}

/** The request's facts for policy conditions (spec §2.8). */
export function matchFacts(req: LimitsRequest, call: LimitsCall): MatchFacts {
  const header = req.clientHeaders['x-portkey-config'];
  const named = typeof header === 'string' && header.trim() && !header.trim().startsWith('{') ? header.trim() : null;
  const model = call.body?.model;
  return {
    api_key: req.auth.key.id,
    workspace_id: req.workspace.id,
    workspace_slug: req.workspace.slug,
    metadata: req.metadata,
    model: typeof model === 'string' ? model : null,
    endpoint_type: endpointType(req.endpoint, req.path),
    config: named ?? req.auth.key.defaults.config_id ?? null,
    prompt: null,
  };
}
