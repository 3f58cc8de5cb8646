// The PII detector: checksums, a table of finds and non-finds, redaction, the default.pii check's
// per-type choices, and its precision and recall on the labelled sample (at least 500 texts), each
// type held to a floor so a change that makes it worse fails here.
import { describe, expect, it } from 'vitest';
import { PII_TYPES, detectPii, redactMatches } from './detector.ts';
import { cardBrand, luhn, validIban, verhoeff } from './validators.ts';
import { evaluate, loadSample } from '../../../test/kits/piiEval.ts';
import { check, chatAnswer } from '../../../test/kits/guardrails.ts';

const ALL = new Set(PII_TYPES);
const found = (text: string) => detectPii(text, ALL).map((m) => [m.type, text.slice(m.start, m.end)]);

describe('checksums', () => {
  it('Luhn, card brands, IBAN mod 97, Verhoeff', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('1234567812345670')).toBeNull(); // Luhn-valid, no brand
    expect(validIban('GB82WEST12345698765432')).toBe(true);
    expect(validIban('GB82WEST12345698765433')).toBe(false);
    expect(validIban('XX82WEST12345698765432')).toBe(false);
    expect(verhoeff('2363')).toBe(true);
    expect(verhoeff('2364')).toBe(false);
  });
});

describe('detectPii', () => {
  it.each([
    ['an e-mail address', 'write to jane.doe@example.com today', [['email', 'jane.doe@example.com']]],
    ['a card with spaces', 'card 4111 1111 1111 1111 exp', [['credit_card', '4111 1111 1111 1111']]],
    ['a card that fails Luhn', 'card 4111 1111 1111 1112 exp', []],
    ['an IBAN', 'IBAN GB82 WEST 1234 5698 7654 32.', [['iban', 'GB82 WEST 1234 5698 7654 32']]],
    ['an IBAN with a bad checksum', 'IBAN GB83 WEST 1234 5698 7654 32.', []],
    [
      'IPv4 and IPv6',
      'from 10.1.2.3 and 2001:db8::8a2e:370:7334',
      [
        ['ip_address', '10.1.2.3'],
        ['ip_address', '2001:db8::8a2e:370:7334'],
      ],
    ],
    ['a version is not an IP', 'Windows 10.0.19045.2965', []],
    ['a US phone', 'call (415) 555-0132', [['phone', '(415) 555-0132']]],
    ['an SSN is not a phone', 'SSN 123-45-6789', [['national_id', '123-45-6789']]],
    ['an invalid SSN area', 'id 666-12-3456', []],
    ['an OpenAI key', 'key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', [['secret', 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z']]],
    ['an AWS access key', 'AKIAIOSFODNN7EXAMPLE in config', [['secret', 'AKIAIOSFODNN7EXAMPLE']]],
    ['a word with sk-', 'we use sk-learn daily', []],
    ['a file name with @', 'icon@2x.png', []],
    ['a date', 'on 2024-01-15 at 12:30', []],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('finds a private key block whole', () => {
    const text = 'here:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\nthanks';
    expect(found(text)).toEqual([['secret', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----']]);
  });

  it('redacts each find with its type label', () => {
    const text = 'mail a@example.com, card 4111-1111-1111-1111, ip 10.0.0.9';
    expect(redactMatches(text, detectPii(text, ALL))).toBe('mail [REDACTED_EMAIL], card [REDACTED_CARD], ip [REDACTED_IP]');
  });

  it('reports only the types asked for, but a card never becomes a phone', () => {
    const text = 'card 4111 1111 1111 1111';
    expect(detectPii(text, new Set(['phone']))).toEqual([]);
  });
});

describe('default.pii', () => {
  const text = 'I am jane@example.com, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE';

  it('flags what it finds by default, and says what without quoting it', async () => {
    const v = await check('default.pii', {})({ text });
    expect(v.verdict).toBe(false);
    expect(v.explanation).toBe('Found 1 e-mail address, 1 payment card number, 1 secret (API key, token or private key)');
    expect(JSON.stringify(v)).not.toContain('jane@example.com');
    expect(v.change).toBeUndefined();
  });

  it('redact: true passes and changes every text', async () => {
    const v = await check('default.pii', { redact: true })({ text });
    expect(v.verdict).toBe(true);
    expect(v.change!.replace(text)).toBe('I am [REDACTED_EMAIL], card [REDACTED_CARD], key [REDACTED_SECRET]');
  });

  it('per-type choices: redact some, flag others, ignore the rest', async () => {
    const v = await check('default.pii', { types: { email: 'redact', credit_card: 'flag', secret: 'ignore' } })({ text });
    expect(v.verdict).toBe(false);
    expect(v.data).toEqual({ found: { email: 1, credit_card: 1 }, flagged: ['credit_card'], redacted: ['email'] });
    expect(v.change!.replace(text)).toBe('I am [REDACTED_EMAIL], card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE');
  });

  it("takes Portkey's category names", async () => {
    const v = await check('default.pii', { categories: ['EMAIL_ADDRESS'], redact: true })({ text });
    expect(v.change!.replace(text)).toBe('I am [REDACTED_EMAIL], card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE');
  });

  it('reads every message and every choice, not only the latest', async () => {
    const request = {
      messages: [
        { role: 'system', content: 'admin is root@example.com' },
        { role: 'user', content: 'hello' },
      ],
    };
    expect((await check('default.pii', {})({ request })).verdict).toBe(false);
    const answer = { choices: [{ message: { content: 'ok' } }, { message: { content: 'call 415-555-0132' } }] };
    expect((await check('default.pii', {})({ answer })).verdict).toBe(false);
    expect((await check('default.pii', {})({ answer: chatAnswer('nothing here') })).verdict).toBe(true);
  });
});

describe('the labelled sample', () => {
  it('has at least 500 texts, positives and hard negatives', () => {
    const sample = loadSample();
    expect(sample.items.length).toBeGreaterThanOrEqual(500);
    expect(sample.items.filter((i) => i.entities.length === 0).length).toBeGreaterThanOrEqual(150);
  });

  it('keeps every type at or above its precision and recall floor', () => {
    const { byType } = evaluate();
    const floors = Object.fromEntries(PII_TYPES.map((t) => [t, { precision: 0.9, recall: 0.95 }]));
    const below = Object.entries(byType)
      .filter(([t, s]) => s.precision < floors[t]!.precision || s.recall < floors[t]!.recall)
      .map(([t, s]) => `${t}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);
    expect(below).toEqual([]);
  });
});
