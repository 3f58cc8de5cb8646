// Masks secrets in what the appliance keeps: the audit log (request bodies, query strings,
// headers) and the gateway's request logs (client headers). A field is secret by its name, in any
// spelling (snake_case, camelCase, kebab-case), at any depth; JSON carried inside a string (a
// config sent as text) is masked too. Hiding a harmless value costs little, storing a provider key
// in a log would be a leak, so the rules lean wide.

export const MASK = '********';

/** Words that make a field secret wherever they appear in its name. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'authorization',
  'credential',
  'credentials',
  'cookie',
  'signature',
]);

/** Joined spellings that are secret even without word breaks (`apikey`, `x-api-key`, `privateKey`). */
const SECRET_JOINED = /apikey|privatekey|secretkey|accesskey|serviceaccount|clientsecret|sessionid/;

/** Objects under these names carry header values, which usually include credentials. */
const HEADER_BAGS = new Set(['customheaders', 'headers', 'requestheaders']);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * `key`, `api_key`, `apiKey`, `x-api-key`, `aws_secret_access_key`, `password`, `scim_token`,
 * `Authorization`, `credentials` … are secret; `api_key_id`, `max_tokens`, `key_transition_expires_at` are not.
 */
export function isSecretName(name: string): boolean {
  const parts = words(name);
  const last = parts.at(-1);
  if (last === undefined) return false;
  if (last === 'key') return true;
  // `api_key_id`, `secret_ids`: identifiers of secrets, not secrets (a session id is a credential).
  if ((last === 'id' || last === 'ids') && parts.at(-2) !== 'session') return false;
  if (parts.some((w) => SECRET_WORDS.has(w))) return true;
  return SECRET_JOINED.test(parts.join(''));
}

/** Values that announce themselves as credentials whatever field they sit in. */
const CREDENTIAL_VALUE = /^\s*(bearer|basic)\s+\S/i;

function maskLeaf(value: unknown): unknown {
  // null and '' hold no secret, and show that a secret was cleared.
  return value === null || value === '' ? value : MASK;
}

/** A deep copy of `value` with every secret field replaced by `********`. */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return MASK;
  if (typeof value === 'string') return maskString(value, depth);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [field, v] of Object.entries(value)) {
      if (isSecretName(field)) out[field] = maskLeaf(v);
      else if (HEADER_BAGS.has(words(field).join('')) && v !== null && typeof v === 'object') out[field] = maskHeaderBag(v);
      else out[field] = maskSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}

function maskString(value: string, depth: number): unknown {
  if (CREDENTIAL_VALUE.test(value)) return MASK;
  const trimmed = value.trim();
  if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    try {
      return JSON.stringify(maskSecrets(JSON.parse(trimmed), depth + 1));
    } catch {
      return value;
    }
  }
  return value;
}

/** Header names stay readable; every value is masked, since any header may carry a credential. */
function maskHeaderBag(bag: object): unknown {
  if (Array.isArray(bag)) return bag.map((v) => maskLeaf(v));
  return Object.fromEntries(Object.keys(bag).map((name) => [name, MASK]));
}

/** Request headers for the audit record: credentials masked, the rest (user agent, content type) kept. */
export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const maskValue = (v: string) => (CREDENTIAL_VALUE.test(v) ? MASK : v);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (isSecretName(name)) out[name] = MASK;
    else out[name] = Array.isArray(value) ? value.map(maskValue) : maskValue(value);
  }
  return out;
}
