// Which requests a policy applies to and which of its counters ("entities") a request counts
// against (spec §2.8): conditions AND together, the values of one condition OR together, `*`
// matches any value the request has, `excludes` subtracts, and each distinct combination of the
// group_by values is its own entity, named by a value key such as `metadata._user:alice`.

export interface PolicyCondition {
  key: string;
  value: string | string[];
  excludes?: string | string[] | null;
}

export interface PolicyGroup {
  key: string;
}

/** What a request is matched on. `virtual_key` and `provider` are known once a target is chosen. */
export interface MatchFacts {
  api_key: string;
  workspace_id: string;
  workspace_slug: string;
  metadata: Readonly<Record<string, string>>;
  /** The model string as the request sent it (`@anthropic/claude-…`, `gpt-4o`). */
  model: string | null;
  endpoint_type: string;
  /** The config the request names (x-portkey-config slug, else the key's default config). */
  config: string | null;
  prompt: string | null;
  /** The catalog provider's slug; null for a provider given inline. */
  virtual_key?: string | null;
  /** The AI service of the target (`openai`, `anthropic`). */
  ai_provider?: string | null;
}

export const FIXED_KEYS = ['api_key', 'workspace_id', 'virtual_key', 'provider', 'config', 'prompt', 'model', 'endpoint_type'] as const;
const TARGET_KEYS = new Set(['virtual_key', 'provider']);

/** A key a condition or group_by may name: one of FIXED_KEYS or `metadata.<key>`. */
export function isPolicyKey(key: string): boolean {
  return (FIXED_KEYS as readonly string[]).includes(key) || /^metadata\.[^\s]{1,128}$/.test(key);
}

type Matcher = (value: string) => boolean;

function patternOf(pattern: string): Matcher {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*')) return (v) => v === pattern;
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's');
  return (v) => re.test(v);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const list = (v: string | string[] | null | undefined): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The request's values for a key; several where the key has several spellings (id or slug). */
function valuesOf(key: string, f: MatchFacts): string[] {
  switch (key) {
    case 'api_key':
      return [f.api_key];
    case 'workspace_id':
      return [f.workspace_id, f.workspace_slug];
    case 'model':
      return f.model === null ? [] : [f.model];
    case 'endpoint_type':
      return [f.endpoint_type];
    case 'config':
      return f.config === null ? [] : [f.config];
    case 'prompt':
      return f.prompt === null ? [] : [f.prompt];
    case 'virtual_key':
      return f.virtual_key ? [f.virtual_key, `@${f.virtual_key}`] : [];
    case 'provider':
      // A catalog provider is `@slug` (Portkey's model catalog); the AI service matches too.
      return [...(f.virtual_key ? [`@${f.virtual_key}`, f.virtual_key] : []), ...(f.ai_provider ? [f.ai_provider] : [])];
    default: {
      const v = key.startsWith('metadata.') ? f.metadata[key.slice('metadata.'.length)] : undefined;
      return v === undefined ? [] : [v];
    }
  }
}

/** The value a group_by key contributes to the value key ('' when the request has none). */
function groupValue(key: string, f: MatchFacts): string {
  switch (key) {
    case 'workspace_id':
      return f.workspace_id;
    case 'virtual_key':
      return f.virtual_key ?? '';
    case 'provider':
      return f.virtual_key ? `@${f.virtual_key}` : (f.ai_provider ?? '');
    default:
      return valuesOf(key, f)[0] ?? '';
  }
}

/** `|` separates the parts of a value key, so it is escaped inside values (and so is the escape). */
const escapePart = (v: string) => (v.includes('%') || v.includes('|') ? v.replace(/%/g, '%25').replace(/\|/g, '%7C') : v);

export interface CompiledPolicy<P> {
  policy: P;
  /** Needs the target (virtual_key, provider) to match or to group. */
  targetLevel: boolean;
  matches(f: MatchFacts): boolean;
  valueKey(f: MatchFacts): string;
}

export function compilePolicy<P>(policy: P, conditions: PolicyCondition[], groupBy: PolicyGroup[]): CompiledPolicy<P> {
  const compiled = conditions.map((c) => ({
    key: c.key,
    values: list(c.value).map(patternOf),
    excludes: list(c.excludes).map(patternOf),
  }));
  const groups = groupBy.map((g) => g.key);
  return {
    policy,
    targetLevel: conditions.some((c) => TARGET_KEYS.has(c.key)) || groups.some((g) => TARGET_KEYS.has(g)),
    matches(f) {
      for (const c of compiled) {
        const have = valuesOf(c.key, f);
        if (!have.some((v) => c.values.some((m) => m(v)))) return false;
        if (c.excludes.length > 0 && have.some((v) => c.excludes.some((m) => m(v)))) return false;
      }
      return true;
    },
    valueKey(f) {
      return groups.map((g) => `${g}:${escapePart(groupValue(g, f))}`).join('|');
    },
  };
}

/** Portkey's endpoint types for a gateway request (chatComplete, embed, imageGenerate, …). */
export function endpointType(endpoint: string, path: string): string {
  if (endpoint !== 'proxy') return endpoint;
  if (path.startsWith('/images/generations')) return 'imageGenerate';
  if (path.startsWith('/images/edits')) return 'imageEdit';
  if (path.startsWith('/audio/speech')) return 'createSpeech';
  if (path.startsWith('/audio/transcriptions')) return 'createTranscription';
  if (path.startsWith('/audio/translations')) return 'createTranslation';
  if (path.startsWith('/responses')) return 'createModelResponse';
  if (path.startsWith('/rerank')) return 'rerank';
  if (path.startsWith('/moderations')) return 'moderate';
  if (path.startsWith('/messages/count_tokens')) return 'messagesCountTokens';
  return 'proxy';
}
