// How a refusal reads: the 412 naming the budget and how to get more, the 429 naming the window
// with Retry-After, and OpenAI's x-ratelimit-* headers on every answer a rate limit applies to.
import { AppError } from '../errors.ts';
import { isoNow } from '../db/rows.ts';
import type { BudgetUse, Decision, WindowUse } from './requestFacts.ts';
import { type RateUnit, openAiDuration } from './windows.ts';

const UNIT_WORDS: Record<RateUnit, string> = { rps: 'second', rpm: 'minute', rph: 'hour', rpd: 'day', rpw: 'week' };
export const NO_HEADERS: Record<string, string> = {};

function money(usd: number): string {
  return `$${usd < 10 ? usd.toFixed(4).replace(/0{1,2}$/, '') : usd.toFixed(2)}`;
}

export function amount(type: string, value: number): string {
  return type === 'cost' ? money(value) : `${Math.round(value)} ${type}`;
}

export function budgetRefusal({ budget, owner }: BudgetUse): AppError {
  const def = budget.def!;
  const used = amount(def.type, budget.spent());
  const resets = budget.nextResetAt === null ? 'It does not reset by itself' : `It resets at ${isoNow(budget.nextResetAt)}`;
  const how =
    owner.kind === 'policy'
      ? "an admin can raise the policy's credit_limit or reset this entity (PUT /v1/policies/usage-limits/{id}/entities/{entityId}/reset)"
      : 'an admin can raise its usage_limits.credit_limit or send reset_usage: true';
  return AppError.fromStatus(
    412,
    `Portkey Error: budget of ${owner.name} is exhausted: ${used} of ${amount(def.type, def.limit!)} used. ${resets}; ${how}.`,
    {
      type: 'budget_exceeded',
      code: 'budget_exhausted',
    },
  );
}

export function rateRefusal(use: WindowUse, waitMs: number, now: number): Decision {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const what = use.type === 'requests' ? 'requests' : 'tokens';
  const used = use.window.used(now);
  const headers = {
    'retry-after': String(seconds),
    'retry-after-ms': String(Math.ceil(waitMs)),
    [`x-ratelimit-limit-${what}`]: String(use.window.limit),
    [`x-ratelimit-remaining-${what}`]: String(Math.max(0, Math.floor(use.window.limit - used))),
    [`x-ratelimit-reset-${what}`]: openAiDuration(waitMs),
  };
  // The error carries its headers too: a target's refusal (a provider's own limit) is answered
  // from the router, where the request's admission headers are not at hand.
  const error = AppError.fromStatus(
    429,
    `Portkey Error: rate limit of ${use.owner.name} reached: ${use.window.limit} ${what} per ${UNIT_WORDS[use.unit]}. Retry after ${seconds} s.`,
    { type: 'rate_limit_error', code: 'rate_limit_exceeded', headers },
  );
  return { refused: error, headers };
}

/** OpenAI's x-ratelimit-* headers for the tightest request and token windows that apply. */
export function rateHeaders(windows: WindowUse[], now: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const type of ['requests', 'tokens'] as const) {
    let tightest: { use: WindowUse; remaining: number } | null = null;
    for (const use of windows) {
      if (use.type !== type) continue;
      const remaining = Math.max(0, use.window.limit - use.window.used(now));
      if (!tightest || remaining < tightest.remaining) tightest = { use, remaining };
    }
    if (!tightest) continue;
    headers[`x-ratelimit-limit-${type}`] = String(tightest.use.window.limit);
    headers[`x-ratelimit-remaining-${type}`] = String(Math.floor(tightest.remaining));
    headers[`x-ratelimit-reset-${type}`] = openAiDuration(tightest.use.window.resetIn(now));
  }
  return headers;
}
