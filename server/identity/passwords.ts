// Password hashing for local accounts: scrypt with a random per-password salt, stored as
// `scrypt$N$r$p$salt$hash` (base64 salt and hash) so the cost can rise later without breaking old
// hashes. Passwords are never stored or logged plain. Verification compares in constant time.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** Current cost: 2^15 x 8 x 128 bytes = 32 MiB and a few tens of milliseconds per hash. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const SALT_LEN = 16;
/** Bounds on stored parameters, so a damaged row cannot make a login allocate without limit. */
const MAX_N = 2 ** 20;
const MAX_MEM = 256 * 1024 * 1024;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** The same text always hashes the same: composed and compatibility forms of a character agree. */
const normalise = (password: string) => password.normalize('NFKC');

const options = (p: { N: number; r: number; p: number }): crypto.ScryptOptions => ({
  N: p.N,
  r: p.r,
  p: p.p,
  maxmem: Math.min(MAX_MEM, 256 * p.N * p.r),
});

function format(params: { N: number; r: number; p: number }, salt: Buffer, hash: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d{1,9}$/.test(v!) ? Number(v) : NaN)) as [number, number, number];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_LEN);
  const hash = await scryptAsync(normalise(password), salt, KEY_LEN, options(SCRYPT_PARAMS));
  return format(SCRYPT_PARAMS, salt, hash);
}

/** For callers inside a synchronous SQLite transaction (first-run bootstrap). */
export function hashPasswordSync(password: string): string {
  const salt = crypto.randomBytes(SALT_LEN);
  const hash = crypto.scryptSync(normalise(password), salt, KEY_LEN, options(SCRYPT_PARAMS));
  return format(SCRYPT_PARAMS, salt, hash);
}

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored ? parse(stored) : null;
  if (!parsed) return false;
  const actual = await scryptAsync(normalise(password), parsed.salt, parsed.hash.length, options(parsed));
  return crypto.timingSafeEqual(actual, parsed.hash);
}

/** True when a stored hash uses older parameters; a login may re-hash it with the current ones. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N !== SCRYPT_PARAMS.N || parsed.r !== SCRYPT_PARAMS.r || parsed.p !== SCRYPT_PARAMS.p;
}

/** A readable random password for first-run accounts (about 95 bits). */
export function randomPassword(): string {
  return crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x') + '-' + crypto.randomBytes(4).toString('hex');
}
