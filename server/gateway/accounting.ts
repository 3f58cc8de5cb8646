// Units and cost of one answer (pricing/accounting.ts counts them: usage the upstream reported, else
// the tokenizer). Prices come from the offline pricing files; an unknown model costs 0 and is
// marked unpriced, and so is a pass-through answer nothing could be measured from.
import type { PricingService } from '../pricing/service.ts';
import type { CostOverrides } from '../pricing/types.ts';
import { NO_UNITS, countedUsage, logUnits, unitsFromUsage } from '../pricing/accounting.ts';
import type { GatewayCall, Target } from './attempt.ts';
import type { Accountant, Accounting, Measured } from './respond.ts';

/** Nothing in the answer says how big it was: its cost is unknown, which is not the same as free. */
const UNMEASURED: Accounting = { units: NO_UNITS, cents: 0, priced: false };

export function createAccountant(pricing: PricingService): Accountant {
  return {
    account(target: Target, model: string | null, call: GatewayCall, { usage, generatedText = null, images = null }: Measured): Accounting {
      // The tokenizer counts chat, completion and embedding requests; a pass-through body is none of those.
      if (!usage && !images && call.endpoint === 'proxy') return UNMEASURED;
      const u = usage ? unitsFromUsage(usage) : countedUsage(call, model, generatedText);
      if (images) u.images = images;
      const units = logUnits(u);
      if (!model) return { units, cents: 0, priced: false };
      const overrides = (target.pricingOverrides?.(model) ?? {}) as CostOverrides;
      const cost = pricing.cost(target.spec.pricingId, model, u, overrides);
      return { units, cents: cost.cents, priced: cost.priced };
    },
  };
}
