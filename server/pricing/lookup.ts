// Finds a model's entry in a provider's pricing file, tolerating the names clients and providers
// actually send (case, dated snapshots, Bedrock region prefixes, Azure deployment names).
import type { ProviderFile } from './types.ts';

interface KeyTier {
  /** Prompt size (tokens) above which the `gt` key applies. */
  threshold: number;
  lte?: string;
  gt?: string;
}

/** A provider file with the indexes lookups need, built once per load. */
export interface ProviderTable {
  provider: string;
  file: ProviderFile;
  byLowerCase: Map<string, string>;
  /** Google AI Studio style: `<model>-lte-128k` / `<model>-gt-128k`, keyed by lowercase `<model>`. */
  keyTiers: Map<string, KeyTier[]>;
}

const TIER_SUFFIX = /^(.*)-(lte|gt)-(\d+)k$/;

export function indexProvider(provider: string, file: ProviderFile): ProviderTable {
  const byLowerCase = new Map<string, string>();
  const keyTiers = new Map<string, KeyTier[]>();
  for (const key of Object.keys(file)) {
    if (key === 'default') continue;
    const lower = key.toLowerCase();
    if (!byLowerCase.has(lower)) byLowerCase.set(lower, key);
    const m = TIER_SUFFIX.exec(lower);
    if (!m) continue;
    const [, base, side, k] = m as unknown as [string, string, 'lte' | 'gt', string];
    const threshold = Number(k) * 1000;
    const tiers = keyTiers.get(base) ?? [];
    let tier = tiers.find((t) => t.threshold === threshold);
    if (!tier) {
      tier = { threshold };
      tiers.push(tier);
      tiers.sort((a, b) => a.threshold - b.threshold);
    }
    tier[side] = key;
    keyTiers.set(base, tiers);
  }
  return { provider, file, byLowerCase, keyTiers };
}

/** Bedrock cross-region inference profiles put the geography in front of the model id. */
const GEO_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\.(?=[a-z0-9-]+\.)/i;
/** Snapshot dates: -2024-08-06, -20240806, @20240620. */
const DATE_SUFFIX = /(?:-\d{4}-\d{2}-\d{2}|[-@]\d{8})$/;
/** Older OpenAI/Azure snapshots: -0613, -1106. Tried last: it could strip a real version. */
const SHORT_DATE_SUFFIX = /-\d{4}$/;
/** Providers whose "model" is a deployment name an admin chose, often `<base model>-<something>`. */
const DEPLOYMENT_PROVIDERS = new Set(['azure-openai', 'azure-ai']);

function pushUnique(list: string[], value: string) {
  if (value && !list.includes(value)) list.push(value);
}

/** Names to try, best first. Each is later tried exactly, then case-insensitively. */
function candidates(provider: string, model: string): string[] {
  const names: string[] = [];
  pushUnique(names, model);
  let bare = model.trim();
  // A foundation-model ARN ends with the model id.
  if (bare.startsWith('arn:') && bare.includes('/')) bare = bare.slice(bare.lastIndexOf('/') + 1);
  // `models/gemini-2.5-pro` (Gemini API) or `<provider>/<model>` sent to that provider.
  const slash = bare.indexOf('/');
  if (slash > 0 && ['models', provider].includes(bare.slice(0, slash).toLowerCase())) bare = bare.slice(slash + 1);
  pushUnique(names, bare);
  pushUnique(names, bare.replace(GEO_PREFIX, ''));
  for (const name of [...names]) pushUnique(names, name.replace(DATE_SUFFIX, ''));
  for (const name of [...names]) pushUnique(names, name.replace(SHORT_DATE_SUFFIX, ''));
  return names;
}

function findTiered(table: ProviderTable, name: string, promptTokens: number): string | null {
  // With several tier schemes for one model (a data quirk), the lowest threshold wins.
  const tier = table.keyTiers.get(name.toLowerCase())?.[0];
  if (!tier) return null;
  return (promptTokens > tier.threshold ? (tier.gt ?? tier.lte) : (tier.lte ?? tier.gt)) ?? null;
}

/**
 * The matching rule, first hit wins:
 *  1. the name as sent, exactly, then case-insensitively;
 *  2. the same after removing a foundation-model ARN, a `models/` or `<provider>/` path and a
 *     Bedrock geography prefix (`us.anthropic.claude-…` -> `anthropic.claude-…`);
 *  3. the same without a snapshot date (`gpt-4o-2024-08-06` -> `gpt-4o`, `claude-x@20240620`),
 *     then without a 4-digit snapshot (`gpt-4-0613` -> `gpt-4`);
 *  at every step, a name priced by prompt size through key suffixes (`<name>-lte-128k` /
 *  `<name>-gt-128k`) picks its tier from `promptTokens`;
 *  4. Azure only: the longest known model that the deployment name starts with, followed by
 *     `-`, `_` or `.` (`gpt-4o-mini-prod` -> `gpt-4o-mini`). Other providers do not guess by
 *     prefix: a wrong price is worse than a visible "unpriced".
 */
export function findModelKey(table: ProviderTable, model: string, promptTokens = 0): string | null {
  for (const name of candidates(table.provider, model)) {
    if (name === 'default') continue;
    if (Object.hasOwn(table.file, name)) return name;
    const folded = table.byLowerCase.get(name.toLowerCase());
    if (folded) return folded;
    const tiered = findTiered(table, name, promptTokens);
    if (tiered) return tiered;
  }
  if (DEPLOYMENT_PROVIDERS.has(table.provider)) {
    const lower = model.toLowerCase();
    let best: string | null = null;
    for (const [key, original] of table.byLowerCase) {
      if (lower.length > key.length && lower.startsWith(key) && '-_.'.includes(lower[key.length]!)) {
        if (!best || key.length > best.length) best = original;
      }
    }
    return best;
  }
  return null;
}
