import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readCookie, sessionCookie } from './cookies.ts';

describe('session cookies', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['appliance_session=abc', 'abc'],
    ['theme=dark; appliance_session=abc; other=1', 'abc'],
    ['appliance_session_x=abc', null],
    ['xappliance_session=abc', null],
    ['appliance_session=', null],
    ['appliance_session="abc"', 'abc'],
    ['garbage;;;=;', null],
  ])('reads %j as %j', (header, value) => {
    expect(readCookie(header, 'appliance_session')).toBe(value);
  });

  it('is HttpOnly, SameSite=Lax, Path=/, and Secure only under TLS', () => {
    expect(sessionCookie('t', { secure: false, maxAgeSeconds: 900 })).toBe(
      'appliance_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=900',
    );
    expect(sessionCookie('t', { secure: true, maxAgeSeconds: 900 })).toMatch(/; Secure$/);
    expect(clearedSessionCookie({ secure: true })).toMatch(/^appliance_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; .*; Secure$/);
  });
});
