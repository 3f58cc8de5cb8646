// The built-in data-protection check: finds personal data and secrets (pii/detector.ts) in every
// text of the request or the answer (not only the latest message: all of it leaves the appliance)
// and, per type, flags it (the check fails) or redacts it (the text is changed and the check
// passes). Runs entirely on the appliance.
import { PII_TYPES, detectPii, redactMatches, type PiiType } from '../pii/detector.ts';
import type { CheckDefinition, Json } from '../types.ts';
import { BOTH, params, plural } from './verdicts.ts';

type Action = 'flag' | 'redact' | 'ignore';

/** Portkey's category names for the same types, so its configs read the same here. */
const PORTKEY_CATEGORIES: Record<string, PiiType> = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'credit_card',
  IBAN_CODE: 'iban',
  IBAN: 'iban',
  IP_ADDRESS: 'ip_address',
  SSN: 'national_id',
  US_SSN: 'national_id',
  UK_NINO: 'national_id',
  NATIONAL_ID: 'national_id',
  API_KEY: 'secret',
  SECRET: 'secret',
};

/** Each type's noun, one and many. */
const NOUNS: Record<PiiType, [string, string]> = {
  email: ['e-mail address', 'e-mail addresses'],
  phone: ['phone number', 'phone numbers'],
  credit_card: ['payment card number', 'payment card numbers'],
  iban: ['IBAN', 'IBANs'],
  ip_address: ['IP address', 'IP addresses'],
  national_id: ['national id number', 'national id numbers'],
  secret: ['secret (API key, token or private key)', 'secrets (API keys, tokens or private keys)'],
};

const CATEGORY = { type: 'string', enum: [...PII_TYPES, ...Object.keys(PORTKEY_CATEGORIES)] };

const pii: CheckDefinition = {
  id: 'default.pii',
  name: 'PII and secrets',
  description:
    'Finds e-mail addresses, phone numbers, payment cards (Luhn), IBANs, IP addresses, national ids (US SSN, UK NINO, Canadian SIN, Indian Aadhaar) and secrets (API keys and tokens by prefix, private keys) in every text. categories picks the types (all by default); redact: true redacts what it finds instead of failing; types sets flag, redact or ignore per type.',
  phases: BOTH,
  readsText: true,
  parameters: params({
    categories: { type: 'array', items: CATEGORY, minItems: 1, description: 'The kinds of data to look for; none chosen: all of them' },
    redact: {
      type: 'boolean',
      default: false,
      description: 'Replace what is found with [REDACTED_<KIND>] (the check then passes) instead of failing the check',
    },
    types: {
      type: 'object',
      propertyNames: { enum: [...PII_TYPES] },
      additionalProperties: { type: 'string', enum: ['flag', 'redact', 'ignore'] },
      description: 'Per kind: flag (the check fails), redact or ignore; wins over categories and redact',
    },
  }),
  compile(p) {
    const listed = Array.isArray(p.categories)
      ? new Set((p.categories as string[]).map((c) => PORTKEY_CATEGORIES[c] ?? (c as PiiType)))
      : new Set<PiiType>(PII_TYPES);
    const overrides = (p.types ?? {}) as Partial<Record<PiiType, Action>>;
    const actions = new Map<PiiType, Action>();
    for (const t of PII_TYPES) actions.set(t, overrides[t] ?? (listed.has(t) ? (p.redact ? 'redact' : 'flag') : 'ignore'));
    const wanted = new Set(PII_TYPES.filter((t) => actions.get(t) !== 'ignore'));
    const redacted = new Set(PII_TYPES.filter((t) => actions.get(t) === 'redact'));

    const replace = (t: string) => {
      const matches = detectPii(t, redacted);
      return matches.length ? redactMatches(t, matches) : t;
    };

    return ({ text }) => {
      const counts = new Map<PiiType, number>();
      for (const t of text.all) for (const m of detectPii(t, wanted)) counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
      const found = [...counts].map(([t, n]) => plural(n, ...NOUNS[t]));
      const flagged = [...counts.keys()].filter((t) => actions.get(t) === 'flag');
      const toRedact = [...counts.keys()].filter((t) => redacted.has(t));
      const data: Json = { found: Object.fromEntries(counts), flagged, redacted: toRedact };
      // Redaction applies to the text as sent, including what other guardrails add to it.
      const change = redacted.size ? { replace, standing: toRedact.length === 0 } : undefined;
      if (counts.size === 0)
        return { verdict: true, explanation: 'No personal data or secrets found', data, ...(change ? { change } : {}) };
      const redactedNote = toRedact.length ? `; redacted the ${toRedact.map((t) => NOUNS[t][1]).join(', ')}` : '';
      return {
        verdict: flagged.length === 0,
        explanation: `Found ${found.join(', ')}${redactedNote}`,
        data,
        ...(change ? { change } : {}),
      };
    };
  },
};

export const PII_CHECKS: readonly CheckDefinition[] = [pii];
