// Encrypts secrets at rest (provider keys, secret configuration fields) with AES-256-GCM under the
// appliance's master key. The master key lives in the data dir with mode 0600 and is created on
// first start.
import crypto from 'node:crypto';
import fs from 'node:fs';

const VERSION = 'v1';

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function loadOrCreateMasterKey(file: string): Buffer {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 master key`);
    return key;
  }
  const key = crypto.randomBytes(32);
  // 'wx' fails if another process created the file in between: never overwrite a key.
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

export function secretBox(key: Buffer): SecretBox {
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unrecognised sealed secret');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/** Shows enough of a secret to recognise it and no more: `sk-a********wxyz`. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '*'.repeat(secret.length);
  const head = secret.length >= 16 ? 4 : 2;
  return `${secret.slice(0, head)}${'*'.repeat(Math.min(secret.length - head - 4, 12))}${secret.slice(-4)}`;
}
