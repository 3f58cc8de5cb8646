// Finds personal data and secrets in text with patterns and checksums, all on the appliance:
// e-mail addresses, phone numbers, payment cards (Luhn and a known brand), IBANs (mod 97), IP
// addresses, national ids (US SSN, UK National Insurance number, Canadian SIN, Indian Aadhaar),
// and secrets (API keys and tokens by their well-known prefixes, private key blocks). Overlapping
// finds keep the one that is more specific. See docs/adr/0018 for what each type covers.
import { isIPv6 } from 'node:net';
import { cardBrand, luhn, validIban, verhoeff } from './validators.ts';

export const PII_TYPES = ['email', 'phone', 'credit_card', 'iban', 'ip_address', 'national_id', 'secret'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export interface PiiMatch {
  type: PiiType;
  /** What exactly: `visa`, `us_ssn`, `aws_access_key`, `ipv6`, … */
  kind: string;
  start: number;
  end: number;
}

/** When two finds overlap, the higher one is kept. */
const PRIORITY: Record<PiiType, number> = { secret: 7, credit_card: 6, iban: 5, national_id: 4, email: 3, ip_address: 2, phone: 1 };

type Finder = (text: string, out: PiiMatch[]) => void;

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

// ---- e-mail ----

const EMAIL =
  /(?<![\w.!#$%&'*+/=?^`{|}~-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

const findEmails: Finder = (text, out) =>
  each(EMAIL, text, (m) => {
    const domain = m[0].slice(m[0].indexOf('@') + 1);
    // `icon@2x.png`: an image at a screen scale, not an address.
    if (/^\d+(\.\d+)?x\./i.test(domain)) return;
    out.push({ type: 'email', kind: 'email', start: m.index, end: m.index + m[0].length });
  });

// ---- phone numbers ----

// +44 20 7946 0958, +1 (415) 555-0132, +33 6 12 34 56 78, +491701234567
const PHONE_INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,6}(?![\w])/g;
// (415) 555-0132, 415-555-0132, 415.555.0132, 415 555 0132
const PHONE_NANP = /(?<![\w.+-])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-]|\.\d)/g;
// National formats with a trunk 0: 020 7946 0958, 06 12 34 56 78, 030-1234567
const PHONE_TRUNK = /(?<![\w.+-])0[1-9]\d{0,3}(?:[ .-]\d{2,8}){1,4}(?![\w-]|\.\d)/g;
// A bare run of digits only counts with a word for a phone just before it.
const PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|text me)\b[^\d\n]{0,20}(\+?\d{9,14})(?![\w-]|\.\d)/gi;

const digitCount = (s: string) => s.replace(/\D/g, '').length;

const findPhones: Finder = (text, out) => {
  each(PHONE_INTL, text, (m) => {
    const n = digitCount(m[0]);
    if (n >= 8 && n <= 15) out.push({ type: 'phone', kind: 'international', start: m.index, end: m.index + m[0].length });
  });
  each(PHONE_NANP, text, (m) => out.push({ type: 'phone', kind: 'nanp', start: m.index, end: m.index + m[0].length }));
  each(PHONE_TRUNK, text, (m) => {
    const n = digitCount(m[0]);
    if (n >= 9 && n <= 12) out.push({ type: 'phone', kind: 'national', start: m.index, end: m.index + m[0].length });
  });
  each(PHONE_CONTEXT, text, (m) => {
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ type: 'phone', kind: 'context', start, end: m.index + m[0].length });
  });
};

// ---- payment cards ----

const CARD = /(?<![\d.-])\d(?:[ -]?\d){12,18}(?![\d-]|\.\d)/g;

const findCards: Finder = (text, out) =>
  each(CARD, text, (m) => {
    const raw = m[0];
    // Separators, if any, must be one kind (4111 1111 1111 1111 or 4111-1111-…), not a mix.
    if (/ /.test(raw) && /-/.test(raw)) return;
    const brand = cardBrand(raw.replace(/[ -]/g, ''));
    if (brand) out.push({ type: 'credit_card', kind: brand, start: m.index, end: m.index + raw.length });
  });

// ---- IBAN ----

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

const findIbans: Finder = (text, out) =>
  each(IBAN, text, (m) => {
    if (validIban(m[0].replace(/ /g, ''))) out.push({ type: 'iban', kind: m[0].slice(0, 2), start: m.index, end: m.index + m[0].length });
  });

// ---- IP addresses ----

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:)(?![\w:])/g;

const findIps: Finder = (text, out) => {
  each(IPV4, text, (m) => out.push({ type: 'ip_address', kind: 'ipv4', start: m.index, end: m.index + m[0].length }));
  each(IPV6_CANDIDATE, text, (m) => {
    const v = m[0];
    // `::` alone is punctuation, not an address.
    if (!/[0-9a-f]/i.test(v) || !isIPv6(v)) return;
    out.push({ type: 'ip_address', kind: 'ipv6', start: m.index, end: m.index + v.length });
  });
};

// ---- national ids ----

const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g;
const SSN_CONTEXT =
  /\b(?:ssn|social security(?: number| no\.?)?)\b[^\d\n]{0,15}((?!000|666|9\d\d)\d{3} ?(?!00)\d{2} ?(?!0000)\d{4})(?![\w-])/gi;
// Prefixes that HMRC never issues (BG, GB, NK, KN, TN, NT, ZZ) and letters it never uses.
const NINO = /(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;
const SIN = /(?<![\w-])[1-79]\d{2}([ -])\d{3}\1\d{3}(?![\w-])/g;
const AADHAAR = /(?<![\w-])[2-9]\d{3}([ -])\d{4}\1\d{4}(?![\w-])/g;

const findNationalIds: Finder = (text, out) => {
  each(SSN, text, (m) => out.push({ type: 'national_id', kind: 'us_ssn', start: m.index, end: m.index + m[0].length }));
  each(SSN_CONTEXT, text, (m) => {
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ type: 'national_id', kind: 'us_ssn', start, end: m.index + m[0].length });
  });
  each(NINO, text, (m) => out.push({ type: 'national_id', kind: 'uk_nino', start: m.index, end: m.index + m[0].length }));
  each(SIN, text, (m) => {
    if (luhn(m[0].replace(/\D/g, ''))) out.push({ type: 'national_id', kind: 'ca_sin', start: m.index, end: m.index + m[0].length });
  });
  each(AADHAAR, text, (m) => {
    if (verhoeff(m[0].replace(/\D/g, '')))
      out.push({ type: 'national_id', kind: 'in_aadhaar', start: m.index, end: m.index + m[0].length });
  });
};

// ---- secrets ----

const SECRET_PATTERNS: [kind: string, pattern: RegExp][] = [
  [
    'private_key',
    /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  ],
  ['openai_or_anthropic_key', /(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{20,}(?![\w-])/g],
  ['aws_access_key', /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}(?![A-Z0-9])/g],
  ['aws_secret_key', /(?<=aws_?secret_?access_?key\s*["']?\s*[:=]\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi],
  ['github_token', /(?<![\w])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![\w])/g],
  ['gitlab_token', /(?<![\w-])glpat-[A-Za-z0-9_-]{20,}(?![\w-])/g],
  ['slack_token', /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,}(?![\w-])/g],
  ['slack_webhook', /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g],
  ['google_api_key', /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g],
  ['stripe_key', /(?<![\w])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}(?![\w])/g],
  ['huggingface_token', /(?<![\w])hf_[A-Za-z0-9]{30,}(?![\w])/g],
  ['npm_token', /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g],
  ['jwt', /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![\w-])/g],
  ['azure_storage_key', /(?<=AccountKey=)[A-Za-z0-9+/]{40,}={0,2}/g],
  ['bearer_token', /(?<=\bBearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g],
];

/** A token of letters only (a slug, a word) is not a key; a key mixes in digits. */
const looksRandom = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s);

const findSecrets: Finder = (text, out) => {
  for (const [kind, re] of SECRET_PATTERNS) {
    each(re, text, (m) => {
      if ((kind === 'openai_or_anthropic_key' || kind === 'bearer_token') && !looksRandom(m[0])) return;
      out.push({ type: 'secret', kind, start: m.index, end: m.index + m[0].length });
    });
  }
};

const FINDERS: Record<PiiType, Finder> = {
  email: findEmails,
  phone: findPhones,
  credit_card: findCards,
  iban: findIbans,
  ip_address: findIps,
  national_id: findNationalIds,
  secret: findSecrets,
};

/**
 * Every find of the given types in `text`, in order, without overlaps: where two overlap the more
 * specific type (secret > card > IBAN > national id > e-mail > IP > phone) and then the longer wins.
 * Finds of types not asked for still take part, so a card number is never reported as a phone.
 */
export function detectPii(text: string, types: ReadonlySet<PiiType>): PiiMatch[] {
  if (text.length === 0) return [];
  const all: PiiMatch[] = [];
  for (const type of PII_TYPES) FINDERS[type](text, all);
  if (all.length === 0) return all;
  all.sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const m of all) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.filter((m) => types.has(m.type)).sort((a, b) => a.start - b.start);
}

export const REDACTION_LABEL: Record<PiiType, string> = {
  email: '[REDACTED_EMAIL]',
  phone: '[REDACTED_PHONE]',
  credit_card: '[REDACTED_CARD]',
  iban: '[REDACTED_IBAN]',
  ip_address: '[REDACTED_IP]',
  national_id: '[REDACTED_NATIONAL_ID]',
  secret: '[REDACTED_SECRET]',
};

/** `text` with each of `matches` (in order, not overlapping) replaced by its type's label. */
export function redactMatches(text: string, matches: readonly PiiMatch[]): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + REDACTION_LABEL[m.type];
    at = m.end;
  }
  return out + text.slice(at);
}
