// Identifiers: UUIDs for ids, readable slugs with a random tail for things people type.
import crypto from 'node:crypto';

export const newId = () => crypto.randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export function slugify(name: string, maxLength = 40): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return base || 'item';
}

/** `prefix-name-1a2b3c`: unique enough to avoid collisions, short enough to type. */
export function randomSlug(prefix: string, name: string): string {
  const tail = crypto.randomBytes(3).toString('hex');
  return [prefix, slugify(name), tail].filter(Boolean).join('-');
}

export const SLUG_PATTERN = '^[a-zA-Z0-9_-]+$';
