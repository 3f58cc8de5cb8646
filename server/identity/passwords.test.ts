import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCRYPT_PARAMS, hashPassword, hashPasswordSync, needsRehash, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with a fresh salt each time, never the password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(
      new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`),
    );
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('s3cret-enough');
    expect(await verifyPassword('s3cret-enough', stored)).toBe(true);
    expect(await verifyPassword('s3cret-enougH', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('sync and async hashes are interchangeable (bootstrap uses the sync one)', async () => {
    expect(await verifyPassword('first-run', hashPasswordSync('first-run'))).toBe(true);
  });

  it('treats composed and decomposed forms of a character as the same password', async () => {
    const stored = await hashPassword('caf\u00e9-latte');
    expect(await verifyPassword('cafe\u0301-latte', stored)).toBe(true);
  });

  it('verifies hashes written with other parameters, and says they need a re-hash', async () => {
    const salt = crypto.randomBytes(16);
    const hash = crypto.scryptSync('old-password', salt, 32, { N: 1024, r: 8, p: 1 });
    const old = ['scrypt', 1024, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
    expect(await verifyPassword('old-password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('new'))).toBe(false);
  });

  it.each([
    ['no value', null],
    ['empty', ''],
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['missing parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['N beyond the bound', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==`],
    ['non-numeric cost', 'scrypt$abc$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA=='],
    ['salt too short', 'scrypt$1024$8$1$YQ==$aGFzaGhhc2hoYXNoaGFzaA=='],
  ])('refuses a stored value that is not a valid hash: %s', async (_, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});
