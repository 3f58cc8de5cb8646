// Request and response headers as the logs keep them: credentials masked by the header's name, by
// the client's own list (`x-portkey-sensitive-headers`) and by the value's shape.
import type { IncomingHttpHeaders } from 'node:http';
import { MASK, isSecretName, maskSecrets } from './secretMask.ts';

/** Whether a header name says it carries a secret, decided once per name (names repeat). */
const secretHeaderNames = new Map<string, boolean>();

function isSecretHeader(name: string): boolean {
  let secret = secretHeaderNames.get(name);
  if (secret === undefined) {
    // `authorization`, `x-portkey-api-key`, `api-key`, `x-portkey-aws-secret-access-key`,
    // `x-portkey-vertex-service-account-json`, `cookie`…: the audit log's rules, by name.
    secret = isSecretName(name);
    if (secretHeaderNames.size < 1000) secretHeaderNames.set(name, secret);
  }
  return secret;
}

/** Enough of a credential to tell two apart (`Bear********`, `pk-a********`); short ones not at all. */
const partly = (value: string) => (value.length >= 16 ? `${value.slice(0, 4)}${MASK}` : MASK);

/**
 * Client headers as the request log keeps them. Masked: headers whose names say they are secret,
 * headers the client named in `x-portkey-sensitive-headers` (Portkey's header for that), values
 * that are credentials (`Bearer …`, `Basic …`), and secret fields of JSON values (an inline
 * `x-portkey-config` with an `api_key`).
 */
export function maskHeaders(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
  onlyPortkey = false,
): Record<string, string> {
  const listed = headers['x-portkey-sensitive-headers'];
  const sensitive =
    typeof listed === 'string'
      ? listed
          .toLowerCase()
          .split(',')
          .map((h) => h.trim())
      : null;
  const out: Record<string, string> = {};
  for (const k in headers) {
    const v = headers[k];
    if (v === undefined) continue;
    if (onlyPortkey && !k.startsWith('x-portkey-')) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    if (isSecretHeader(k) || sensitive?.includes(k)) out[k] = partly(value);
    else out[k] = maskSecretsIn(value);
  }
  return out;
}

/** A header value with any credential in it masked: most are plain text and come back as they are. */
function maskSecretsIn(value: string): string {
  const c = value.charCodeAt(0);
  // Only JSON ({ or [) and `Bearer`/`Basic` values can hold one; skip the rest without a regex.
  if (c !== 123 && c !== 91 && c !== 66 && c !== 98 && c !== 32) return value;
  const masked = maskSecrets(value);
  return typeof masked === 'string' ? masked : MASK;
}
