// What the control plane may ask of the limits engine about one budget, without knowing the engine:
// its live counter (views show it) and a reset (reset_usage). services.ts hands the engine in.
import type { UsageLimits } from './auth.ts';

/** Whose budget: built with the helpers below so both sides spell the key the same way. */
export type UsageSubject = string & { readonly __usageSubject: true };

export const usageSubject = {
  apiKey: (id: string) => `api_key:${id}` as UsageSubject,
  /** Workspaces hold a list of budgets; each is counted apart. */
  workspace: (id: string, index = 0) => `workspace:${id}#${index}` as UsageSubject,
  provider: (id: string) => `provider:${id}` as UsageSubject,
  /** An organisation integration's allocation to one workspace. */
  allocation: (integrationId: string, workspaceId: string) => `allocation:${integrationId}:${workspaceId}` as UsageSubject,
};

export interface LiveUsage {
  /** In the budget's unit: USD for cost (fractions of a cent kept), tokens, requests; null before anything was counted. */
  current_usage: number | null;
  /** null before anything was counted: the stored row says. */
  status: 'active' | 'exhausted' | null;
  last_reset_at: string | null;
  /** When the next periodic reset is due; null without one. */
  next_usage_reset_at: string | null;
}

export interface UsageLedger {
  /** USAGE_LIMITS_ENABLED: false means nothing is counted or enforced (views say so). */
  readonly enabled: boolean;
  /** The live counter of a budget under `limits` (null without limits). */
  live(subject: UsageSubject, limits: UsageLimits | null): LiveUsage | null;
  /** reset_usage: zero the counter now and lift an exhausted status (the row was already written). */
  reset(subject: UsageSubject): void;
}
