// Checks on the request rather than its text: which model, which metadata, which endpoint, which
// tools and parameters; and addPrefix, which changes the request. They run before the request
// (the answer has none of these facts).
import { ParameterError, type CheckDefinition, type Json } from '../types.ts';
import { REQUEST_TYPES } from '../requestTypes.ts';
import { compilePattern } from './patterns.ts';
import { BEFORE, NOT, STRING_LIST, judged, listOf, params, plural } from './verdicts.ts';

/** `gpt-4*`, `*`, `@openai-prod/*`: `*` stands for any run of characters, nothing else is special. */
export function wildcardMatcher(patterns: readonly string[]): (value: string) => boolean {
  const exact = new Set<string>();
  const wild: RegExp[] = [];
  for (const p of patterns) {
    if (!p.includes('*')) exact.add(p);
    else
      wild.push(
        new RegExp(
          `^${p
            .split('*')
            .map((s) => s.replace(/[\\^$.|?+()[\]{}-]/g, '\\$&'))
            .join('.*')}$`,
          's',
        ),
      );
  }
  return (value) => exact.has(value) || wild.some((re) => re.test(value));
}

/** A model as written (`@slug/gpt-4o`) and bare (`gpt-4o`): lists may name either. */
function modelNames(model: string | null): string[] {
  if (!model) return [];
  const slash = model.startsWith('@') ? model.indexOf('/') : -1;
  return slash === -1 ? [model] : [model, model.slice(slash + 1)];
}

const modelWhitelist: CheckDefinition = {
  id: 'default.modelWhitelist',
  name: 'Model whitelist',
  description: 'Passes when the request names one of the listed models (`*` matches any characters; `@provider/model` or the bare model).',
  phases: BEFORE,
  parameters: params(
    {
      models: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
        description: 'Models a request may name: @provider/model or the bare model, `*` as a wildcard',
      },
      not: NOT,
    },
    ['models'],
  ),
  compile(p) {
    const allowed = wildcardMatcher(p.models as string[]);
    return ({ request }) => {
      const names = modelNames(request.model);
      return judged(
        names.some(allowed),
        p.not,
        'The requested model is on the list',
        names.length ? 'The requested model is not on the list' : 'The request names no model',
        { model: request.model },
      );
    };
  },
};

const modelRules: CheckDefinition = {
  id: 'default.modelRules',
  name: 'Model rules',
  description:
    'Which models a request may use, by its metadata: rules.metadata {key: {value: [models]}} (every matching rule adds its models), else rules.defaults. `*` is a wildcard; not: true turns the allowed list into a blocked one.',
  phases: BEFORE,
  parameters: params(
    {
      rules: params(
        {
          defaults: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Models any request may use when no metadata rule matches (`*` as a wildcard)',
          },
          metadata: {
            type: 'object',
            additionalProperties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } } },
            description: 'Models by metadata: {"team": {"research": ["@lan-vllm/*"]}}; every rule the request matches adds its models',
          },
        },
        [],
        { description: 'Which models requests may use' },
      ),
      not: NOT,
    },
    ['rules'],
  ),
  compile(p) {
    const rules = p.rules as { defaults?: string[]; metadata?: Record<string, Record<string, string[]>> };
    const defaults = wildcardMatcher(rules.defaults ?? []);
    const byMetadata = Object.entries(rules.metadata ?? {}).map(([key, values]) => ({
      key,
      values: new Map(Object.entries(values).map(([value, models]) => [value, wildcardMatcher(models)])),
    }));
    return ({ request }) => {
      const matchers = byMetadata.flatMap(({ key, values }) => {
        const v = request.metadata[key];
        const m = v === undefined ? undefined : values.get(v);
        return m ? [m] : [];
      });
      const source = matchers.length ? `${plural(matchers.length, 'metadata rule')}` : 'the default rule';
      const allowed = matchers.length ? (name: string) => matchers.some((m) => m(name)) : defaults;
      const names = modelNames(request.model);
      return judged(
        names.some(allowed),
        p.not,
        `The requested model is allowed by ${source}`,
        names.length ? `The requested model is not allowed by ${source}` : 'The request names no model',
        { model: request.model, rules_matched: matchers.length },
      );
    };
  },
};

const requiredMetadataKeys: CheckDefinition = {
  id: 'default.requiredMetadataKeys',
  name: 'Required metadata keys',
  description: 'Passes when the request metadata has all, any or none of the keys.',
  phases: BEFORE,
  parameters: params(
    {
      metadataKeys: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
        description: 'Metadata keys to look for in the request',
      },
      operator: {
        type: 'string',
        enum: ['all', 'any', 'none'],
        default: 'all',
        description: 'all: every key must be there; any: one of them; none: none of them',
      },
    },
    ['metadataKeys'],
  ),
  compile(p) {
    const keys = p.metadataKeys as string[];
    const operator = p.operator as 'all' | 'any' | 'none';
    return ({ request }) => {
      const missing = keys.filter((k) => !Object.hasOwn(request.metadata, k));
      const present = keys.length - missing.length;
      const verdict = operator === 'all' ? missing.length === 0 : operator === 'any' ? present > 0 : present === 0;
      return {
        verdict,
        explanation: verdict
          ? `The metadata has ${present} of the ${plural(keys.length, 'required key')} (${operator})`
          : operator === 'none'
            ? `The metadata has keys it must not have: ${keys.filter((k) => !missing.includes(k)).join(', ')}`
            : `The metadata lacks: ${missing.join(', ')}`,
        data: { present, missing },
      };
    };
  },
};

type MatchType = 'exact' | 'contains' | 'containsAll' | 'regex';

const requiredMetadataKeyPairs: CheckDefinition = {
  id: 'default.requiredMetadataKeyPairs',
  name: 'Required metadata key-value pairs',
  description:
    'Passes when all, any or none of the pairs hold in the request metadata. matchType: exact (the value is one of the given values), contains (it contains one of them), containsAll (it contains every one), regex (it matches one of the patterns).',
  phases: BEFORE,
  parameters: params(
    {
      metadataPairs: {
        type: 'object',
        minProperties: 1,
        additionalProperties: STRING_LIST,
        description: 'Metadata the request must carry: {"env": "prod"} or {"team": ["a", "b"]}',
      },
      operator: {
        type: 'string',
        enum: ['all', 'any', 'none'],
        default: 'all',
        description: 'all: every pair must match; any: one of them; none: none of them',
      },
      matchType: {
        type: 'string',
        enum: ['exact', 'contains', 'containsAll', 'regex'],
        default: 'exact',
        description: 'How a value is compared: equal, contains one of the values, contains all of them, or matches a regular expression',
      },
    },
    ['metadataPairs'],
  ),
  compile(p) {
    const matchType = p.matchType as MatchType;
    const operator = p.operator as 'all' | 'any' | 'none';
    const pairs = Object.entries(p.metadataPairs as Record<string, string | string[]>).map(([key, raw]) => {
      const values = Array.isArray(raw) ? raw : [raw];
      let test: (v: string) => boolean;
      if (matchType === 'regex') {
        const res = values.map((v, i) => compilePattern(v, `metadataPairs.${key}${Array.isArray(raw) ? `[${i}]` : ''}`));
        test = (v) => res.some((re) => re.test(v));
      } else if (matchType === 'contains') test = (v) => values.some((x) => v.includes(x));
      else if (matchType === 'containsAll') test = (v) => values.every((x) => v.includes(x));
      else test = (v) => values.includes(v);
      return { key, test };
    });
    return ({ request }) => {
      const failing = pairs.filter(({ key, test }) => {
        const v = request.metadata[key];
        return v === undefined || !test(v);
      });
      const holding = pairs.length - failing.length;
      const verdict = operator === 'all' ? failing.length === 0 : operator === 'any' ? holding > 0 : holding === 0;
      return {
        verdict,
        explanation: verdict
          ? `${holding} of ${plural(pairs.length, 'metadata pair')} hold (${operator}, ${matchType})`
          : operator === 'none'
            ? `Metadata pairs that must not hold do: ${pairs
                .filter((x) => !failing.includes(x))
                .map((x) => x.key)
                .join(', ')}`
            : `Metadata pairs that do not hold: ${failing.map((x) => x.key).join(', ')}`,
        data: { holding, failing: failing.map((x) => x.key) },
      };
    };
  },
};

const TYPE_LIST = { oneOf: [{ type: 'array', items: { type: 'string', enum: REQUEST_TYPES } }, { type: 'string' }] };

const allowedRequestTypes: CheckDefinition = {
  id: 'default.allowedRequestTypes',
  name: 'Allowed request types',
  description:
    'Which endpoints may be called: allowedTypes (allow-list) and/or blockedTypes (block-list, which wins). With neither, the metadata key supported_endpoints (comma-separated) is the allow-list.',
  phases: BEFORE,
  parameters: params({
    allowedTypes: { ...TYPE_LIST, description: 'Request types that may be made (chatComplete, embed, messages…); any other is refused' },
    blockedTypes: { ...TYPE_LIST, description: 'Request types that are refused; wins over allowedTypes' },
  }),
  compile(p) {
    const check = (list: string[], field: string) => {
      for (const t of list) {
        if (!(REQUEST_TYPES as readonly string[]).includes(t))
          throw new ParameterError(field, `${field} names an unknown request type "${t}"`);
      }
      return new Set(list);
    };
    const allowed = p.allowedTypes === undefined ? null : check(listOf(p.allowedTypes), 'allowedTypes');
    const blocked = p.blockedTypes === undefined ? null : check(listOf(p.blockedTypes), 'blockedTypes');
    return ({ request }) => {
      const type = request.requestType;
      if (blocked?.has(type)) return { verdict: false, explanation: `Requests of type ${type} are blocked`, data: { request_type: type } };
      const fromMetadata = !allowed && !blocked && request.metadata.supported_endpoints !== undefined;
      const allow = allowed ?? (fromMetadata ? new Set(listOf(request.metadata.supported_endpoints)) : null);
      if (allow && !allow.has(type)) {
        return {
          verdict: false,
          explanation: `Requests of type ${type} are not in the allowed types${fromMetadata ? ' (metadata supported_endpoints)' : ''}`,
          data: { request_type: type },
        };
      }
      return { verdict: true, explanation: `Requests of type ${type} are allowed`, data: { request_type: type } };
    };
  },
};

interface ToolRules {
  allowedTypes?: string[];
  blockedTypes?: string[];
  allowedFunctionNames?: string[];
  blockedFunctionNames?: string[];
}
interface ParamRules {
  allowedKeys?: string[];
  blockedKeys?: string[];
  values?: Record<string, { allowedValues?: unknown[]; blockedValues?: unknown[] }>;
}

/** Keys that carry the request itself; an allow-list of parameters never has to name them. */
const STRUCTURAL_KEYS = new Set(['model', 'messages', 'prompt', 'input', 'system', 'stream', 'tools']);

/** Each tool's type and function name, in OpenAI's shape ({type, function: {name}}) or Anthropic's ({name, type?}). */
function toolsOf(json: Json | null): { type: string; name: string | null }[] {
  const tools = json?.tools;
  if (!Array.isArray(tools)) return [];
  return tools.map((t) => {
    const tool = (typeof t === 'object' && t !== null ? t : {}) as Json;
    const fn = tool.function as Json | undefined;
    const name = typeof fn?.name === 'string' ? fn.name : typeof tool.name === 'string' ? tool.name : null;
    return { type: typeof tool.type === 'string' ? tool.type : fn ? 'function' : 'custom', name };
  });
}

const STRINGS = { type: 'array', items: { type: 'string', minLength: 1 } };

const requestParametersCheck: CheckDefinition = {
  id: 'default.requestParametersCheck',
  name: 'Request parameters check',
  description:
    'Governs tools (allowed/blocked types and function names) and parameters (allowed/blocked keys; allowed/blocked values per key). An allow-list of keys need not name model, messages, prompt, input, system, stream or tools.',
  phases: BEFORE,
  parameters: params({
    tools: params(
      {
        allowedTypes: { ...STRINGS, description: 'Tool types a request may offer (function, …)' },
        blockedTypes: { ...STRINGS, description: 'Tool types a request may not offer' },
        allowedFunctionNames: { ...STRINGS, description: 'Function names a request may offer as tools' },
        blockedFunctionNames: { ...STRINGS, description: 'Function names a request may not offer as tools' },
      },
      [],
      { description: 'Rules for the tools a request offers' },
    ),
    params: params(
      {
        allowedKeys: { ...STRINGS, description: 'Body parameters a request may set (besides model, messages and the like)' },
        blockedKeys: { ...STRINGS, description: 'Body parameters a request may not set' },
        values: {
          type: 'object',
          additionalProperties: params({ allowedValues: { type: 'array' }, blockedValues: { type: 'array' } }),
          description: 'Values per parameter: {"temperature": {"allowedValues": [0, 0.2]}}',
        },
      },
      [],
      { description: 'Rules for the body parameters of a request' },
    ),
  }),
  compile(p) {
    const tools = (p.tools ?? {}) as ToolRules;
    const rules = (p.params ?? {}) as ParamRules;
    const set = (l?: string[]) => (l ? new Set(l) : null);
    const allowedTypes = set(tools.allowedTypes);
    const blockedTypes = set(tools.blockedTypes);
    const allowedNames = set(tools.allowedFunctionNames);
    const blockedNames = set(tools.blockedFunctionNames);
    const allowedKeys = set(rules.allowedKeys);
    const blockedKeys = set(rules.blockedKeys);
    const values = Object.entries(rules.values ?? {}).map(([key, v]) => ({
      key,
      allowed: v.allowedValues?.map((x) => JSON.stringify(x)) ?? null,
      blocked: v.blockedValues?.map((x) => JSON.stringify(x)) ?? null,
    }));
    return ({ request }) => {
      const problems: string[] = [];
      for (const t of toolsOf(request.json)) {
        const label = t.name ? `tool "${t.name}"` : `a ${t.type} tool`;
        if (blockedTypes?.has(t.type) || (allowedTypes && !allowedTypes.has(t.type)))
          problems.push(`${label} has type ${t.type}, which is not allowed`);
        else if (t.name !== null && (blockedNames?.has(t.name) || (allowedNames && !allowedNames.has(t.name))))
          problems.push(`${label} is not allowed`);
      }
      const body = request.json ?? {};
      for (const key of Object.keys(body)) {
        if (blockedKeys?.has(key)) problems.push(`parameter ${key} is blocked`);
        else if (allowedKeys && !allowedKeys.has(key) && !STRUCTURAL_KEYS.has(key)) problems.push(`parameter ${key} is not allowed`);
      }
      for (const { key, allowed, blocked } of values) {
        if (!Object.hasOwn(body, key)) continue;
        const v = JSON.stringify(body[key]);
        if (blocked?.includes(v) || (allowed && !allowed.includes(v))) problems.push(`parameter ${key} has a value that is not allowed`);
      }
      return problems.length
        ? { verdict: false, explanation: `The request breaks the parameter rules: ${problems.join('; ')}`, data: { problems } }
        : { verdict: true, explanation: 'The request keeps to the tool and parameter rules' };
    };
  },
};

const addPrefix: CheckDefinition = {
  id: 'default.addPrefix',
  name: 'Add prefix',
  description:
    'Adds a prefix to the request: to the latest message of applyToRole (user by default), or as a new message of that role when there is none or addToExisting is false; onlyIfEmpty adds it only when the request has no message of that role.',
  phases: BEFORE,
  parameters: params(
    {
      prefix: { type: 'string', minLength: 1, maxLength: 100000, description: 'The text to put before the message' },
      applyToRole: {
        type: 'string',
        enum: ['user', 'system', 'assistant'],
        default: 'user',
        description: 'The role of the message that gets the prefix',
      },
      addToExisting: {
        type: 'boolean',
        default: true,
        description: 'Add it to the latest message of that role; off: as a new message of its own',
      },
      onlyIfEmpty: { type: 'boolean', default: false, description: 'Add it only when the request has no message of that role' },
    },
    ['prefix'],
  ),
  compile(p) {
    const prefix = p.prefix as string;
    const role = p.applyToRole as 'user' | 'system' | 'assistant';
    const addToExisting = p.addToExisting as boolean;
    const onlyIfEmpty = p.onlyIfEmpty as boolean;
    const prefixed = (content: unknown): unknown => {
      if (typeof content === 'string') return prefix + content;
      if (Array.isArray(content)) return [{ type: 'text', text: prefix }, ...content];
      return prefix;
    };
    return ({ request }) => {
      const json = request.json;
      if (!json) return { verdict: true, skipped: true, explanation: 'The request has no body to add a prefix to' };
      if (request.requestType === 'complete' && typeof json.prompt === 'string') {
        return { verdict: true, explanation: 'Added the prefix to the prompt', body: { ...json, prompt: prefix + json.prompt } };
      }
      if (request.requestType === 'messages' && role === 'system') {
        const has = json.system !== undefined && json.system !== '';
        if (has && onlyIfEmpty) return { verdict: true, explanation: 'The request already has a system prompt; nothing added' };
        // A separate block keeps the prefix apart from the existing prompt when addToExisting is off.
        const existing = typeof json.system === 'string' ? [{ type: 'text', text: json.system }] : (json.system as unknown[]);
        const system = !has ? prefix : addToExisting ? prefixed(json.system) : [{ type: 'text', text: prefix }, ...existing];
        return { verdict: true, explanation: 'Added the prefix to the system prompt', body: { ...json, system } };
      }
      if (!Array.isArray(json.messages))
        return { verdict: true, skipped: true, explanation: 'The request has no messages to add a prefix to' };
      const messages = [...(json.messages as Json[])];
      const index = messages.findLastIndex((m) => m?.role === role);
      if (index !== -1 && onlyIfEmpty) return { verdict: true, explanation: `The request already has a ${role} message; nothing added` };
      if (index !== -1 && addToExisting) {
        messages[index] = { ...messages[index], content: prefixed(messages[index]!.content) };
      } else if (index !== -1) {
        messages.splice(index, 0, { role, content: prefix });
      } else if (role === 'system') {
        messages.unshift({ role: 'system', content: prefix });
      } else {
        messages.push({ role, content: prefix });
      }
      return { verdict: true, explanation: `Added the prefix to the ${role} message`, body: { ...json, messages } };
    };
  },
};

export const REQUEST_CHECKS: readonly CheckDefinition[] = [
  modelWhitelist,
  modelRules,
  requiredMetadataKeys,
  requiredMetadataKeyPairs,
  allowedRequestTypes,
  requestParametersCheck,
  addPrefix,
];
