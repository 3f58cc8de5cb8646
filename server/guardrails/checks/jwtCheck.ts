// default.jwt: the request carries a JSON Web Token, signed by a key of a configured JWKS, within
// its validity and maximum age. The JWKS is given inline (`jwks`), or fetched from a URL an admin
// saved (`jwksUri`, on the LAN) and kept for cacheMaxAge; verification uses node:crypto only.
import crypto from 'node:crypto';
import { egressRefusalIn } from '../../security/egress/guard.ts';
import { ParameterError, type CheckDefinition, type Json } from '../types.ts';
import { BEFORE, params } from './verdicts.ts';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
type Alg = (typeof ALGORITHMS)[number];

const JWKS_FETCH_TIMEOUT_MS = 5000;
const MAX_JWKS_BYTES = 512 * 1024;

/** `1d`, `12h`, `30m`, `45s` or a number of seconds, as seconds. */
export function durationSeconds(value: string | number, field: string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?$/.exec(value.trim());
  if (!m) throw new ParameterError(field, `${field} must be a duration such as "1d", "12h", "30m" or a number of seconds`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[(m[2] as 's' | 'm' | 'h' | 'd' | 'w' | undefined) ?? 's'];
  return Number(m[1]) * unit;
}

function b64json(part: string): Json | null {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

function verifySignature(alg: Alg, key: crypto.KeyObject, data: string, signature: Buffer): boolean {
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`;
  if (alg.startsWith('PS')) {
    return crypto.verify(
      hash,
      Buffer.from(data),
      { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 },
      signature,
    );
  }
  if (alg.startsWith('ES')) return crypto.verify(hash, Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }, signature);
  return crypto.verify(hash, Buffer.from(data), key, signature);
}

interface KeySet {
  keys: { kid?: string; alg?: string; key: crypto.KeyObject }[];
}

function keySet(jwks: unknown, where: string): KeySet {
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new Error(`${where} is not a JWKS ({"keys": [...]})`);
  const keys: KeySet['keys'] = [];
  for (const jwk of list) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    try {
      const j = jwk as crypto.JsonWebKey & { kid?: string; alg?: string };
      keys.push({ kid: j.kid, alg: j.alg, key: crypto.createPublicKey({ key: j, format: 'jwk' }) });
    } catch {
      // A key this runtime cannot import (a symmetric key, an unknown curve) cannot verify anything.
    }
  }
  return { keys };
}

const jwt: CheckDefinition = {
  id: 'default.jwt',
  name: 'JWT',
  description:
    'Passes when a request header (headerKey, default Authorization) carries a JWT signed by a key of the JWKS (jwks inline, or jwksUri fetched and cached), not expired, not before its time, and no older than maxTokenAge.',
  phases: BEFORE,
  // An inline JWKS is local; a JWKS URL reaches the network.
  egress: (p) => typeof p.jwksUri === 'string',
  parameters: params(
    {
      jwksUri: {
        type: 'string',
        format: 'uri',
        maxLength: 2048,
        description: 'The URL of the JSON Web Key Set (on your network); give this or jwks',
      },
      jwks: {
        type: 'object',
        required: ['keys'],
        properties: { keys: { type: 'array' } },
        description: 'The JSON Web Key Set itself, {"keys": [...]}; give this or jwksUri',
      },
      headerKey: { type: 'string', minLength: 1, default: 'Authorization', description: 'The request header that carries the token' },
      algorithms: {
        type: 'array',
        items: { type: 'string', enum: [...ALGORITHMS] },
        minItems: 1,
        default: ['RS256'],
        description: 'Signature algorithms accepted',
      },
      cacheMaxAge: { type: 'number', minimum: 0, default: 86400, description: 'Seconds a fetched key set is kept' },
      clockTolerance: { type: 'number', minimum: 0, default: 5, description: 'Seconds of clock difference allowed for exp and nbf' },
      maxTokenAge: {
        oneOf: [{ type: 'string' }, { type: 'number', minimum: 0 }],
        default: '1d',
        description: 'The oldest token accepted (by iat): seconds, or a duration such as 30m, 12h, 1d',
      },
    },
    [],
    { anyOf: [{ required: ['jwksUri'] }, { required: ['jwks'] }] },
  ),
  compile(p) {
    const header = (p.headerKey as string).toLowerCase();
    const algorithms = new Set(p.algorithms as Alg[]);
    const tolerance = p.clockTolerance as number;
    const maxAge = durationSeconds(p.maxTokenAge as string | number, 'maxTokenAge');
    const cacheMs = (p.cacheMaxAge as number) * 1000;
    const inline = p.jwks ? keySet(p.jwks, 'jwks') : null;
    const uri = typeof p.jwksUri === 'string' ? p.jwksUri : null;
    let fetched: { at: number; set: KeySet } | null = null;

    async function keys(signal: AbortSignal): Promise<KeySet> {
      if (inline) return inline;
      if (fetched && Date.now() - fetched.at < cacheMs) return fetched.set;
      const res = await fetch(uri!, { signal: AbortSignal.any([signal, AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS)]) });
      if (!res.ok) throw new Error(`the JWKS URL answered ${res.status}`);
      const text = await res.text();
      if (text.length > MAX_JWKS_BYTES) throw new Error('the JWKS is larger than 512 KB');
      fetched = { at: Date.now(), set: keySet(JSON.parse(text), "the JWKS URL's answer") };
      return fetched.set;
    }

    return async ({ request, signal }) => {
      const raw = request.headers[header];
      const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
      const token = value.replace(/^Bearer\s+/i, '');
      if (!token) return { verdict: false, explanation: `The request has no token in the ${p.headerKey as string} header` };
      const parts = token.split('.');
      const head = parts.length === 3 ? b64json(parts[0]!) : null;
      const claims = parts.length === 3 ? b64json(parts[1]!) : null;
      if (!head || !claims) return { verdict: false, explanation: 'The token is not a well-formed JWT' };
      const alg = head.alg as Alg;
      if (!algorithms.has(alg))
        return { verdict: false, explanation: `The token is signed with ${String(head.alg)}, which is not among the allowed algorithms` };
      let set: KeySet;
      try {
        set = await keys(signal);
      } catch (err) {
        // fetch() hides the egress refusal in its error's cause ("fetch failed"): say which destination and how to allow it.
        const refused = egressRefusalIn(err);
        if (refused) {
          const reason = `the JWKS URL may not be reached: ${refused.message}`;
          return { verdict: false, explanation: `The signing keys could not be loaded: ${reason}`, error: reason };
        }
        return { verdict: false, explanation: 'The signing keys could not be loaded', error: (err as Error).message };
      }
      const candidates = set.keys.filter((k) => (head.kid === undefined || k.kid === head.kid) && (k.alg === undefined || k.alg === alg));
      const signature = Buffer.from(parts[2]!, 'base64url');
      const signed = `${parts[0]}.${parts[1]}`;
      const valid = candidates.some((k) => {
        try {
          return verifySignature(alg, k.key, signed, signature);
        } catch {
          return false;
        }
      });
      if (!valid)
        return {
          verdict: false,
          explanation:
            head.kid !== undefined && candidates.length === 0
              ? "No key of the JWKS has the token's key id"
              : "The token's signature does not verify",
        };
      const now = Date.now() / 1000;
      if (typeof claims.exp === 'number' && now > claims.exp + tolerance) return { verdict: false, explanation: 'The token has expired' };
      if (typeof claims.nbf === 'number' && now < claims.nbf - tolerance)
        return { verdict: false, explanation: 'The token is not valid yet' };
      if (typeof claims.iat === 'number' && now - claims.iat > maxAge + tolerance)
        return { verdict: false, explanation: 'The token is older than maxTokenAge' };
      return {
        verdict: true,
        explanation: 'The token is signed by a key of the JWKS and within its validity',
        data: { kid: head.kid ?? null, alg },
      };
    };
  },
};

export const JWT_CHECKS: readonly CheckDefinition[] = [jwt];
