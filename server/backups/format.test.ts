// The backup file format on its own: what goes in comes out with the right passphrase, and a wrong
// passphrase, a changed byte, a cut file, parts swapped or bytes added after the end are refused
// with a message saying which.
import { describe, expect, it } from 'vitest';
import { BackupEncryptor, BackupError, type ByteSource, CHUNK_SIZE, decryptChunks, readHeader } from './format.ts';

const facts = { created_at: '2026-01-01T00:00:00.000Z', appliance_version: '0.1.0', schema: { metadata: [1, 2], logs: [1] } };
const PASS = 'correct horse battery staple';

async function encrypt(plain: Buffer, passphrase = PASS): Promise<Buffer> {
  const parts: Buffer[] = [];
  const enc = await BackupEncryptor.start(passphrase, facts, async (b) => void parts.push(Buffer.from(b)));
  // Written in uneven pieces, as the archive writer does.
  for (let i = 0; i < plain.length; i += 300_000) await enc.write(plain.subarray(i, i + 300_000));
  await enc.end();
  return Buffer.concat(parts);
}

function source(bytes: Buffer): ByteSource {
  let at = 0;
  return {
    read: async (n) => {
      const out = bytes.subarray(at, at + n);
      at += out.length;
      return out;
    },
  };
}

async function decrypt(file: Buffer, passphrase = PASS): Promise<Buffer> {
  const src = source(file);
  const { header, aad } = await readHeader(src);
  const out: Buffer[] = [];
  for await (const piece of decryptChunks(src, header, aad, passphrase)) out.push(piece);
  return Buffer.concat(out);
}

async function refusal(file: Buffer, passphrase = PASS): Promise<BackupError> {
  try {
    await decrypt(file, passphrase);
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('not refused');
}

const plain = Buffer.from(Array.from({ length: CHUNK_SIZE * 2 + 12345 }, (_, i) => (i * 7919) % 251));
let file: Buffer;

describe('the backup file format', () => {
  it('gives back exactly what went in, in several parts, and nothing in it is readable without the passphrase', async () => {
    file = await encrypt(plain);
    expect(file.subarray(0, 8).toString()).toBe('AIRGAPBK');
    expect(file.includes(plain.subarray(1000, 1064))).toBe(false);
    expect((await decrypt(file)).equals(plain)).toBe(true);
    expect((await decrypt(await encrypt(Buffer.alloc(0)))).length).toBe(0);
  });

  it('says the passphrase is wrong', async () => {
    const err = await refusal(file, 'correct horse battery stapler');
    expect(err.reason).toBe('passphrase');
    expect(err.message).toMatch(/passphrase is wrong/);
  });

  it('refuses a changed byte in a part, in the header, and parts swapped', async () => {
    const flipped = Buffer.from(file);
    flipped[file.length - 5000]! ^= 1;
    expect(await refusal(flipped)).toMatchObject({ reason: 'altered', message: expect.stringMatching(/part 3 does not authenticate/) });

    const header = Buffer.from(file);
    const at = header.indexOf('"appliance_version":"0.1.0"');
    header.write('"appliance_version":"0.1.1"', at);
    expect(await refusal(header)).toMatchObject({ reason: 'altered' });

    const { header: h } = await readHeader(source(file));
    const start = 13 + Buffer.byteLength(JSON.stringify(h));
    const size = 5 + CHUNK_SIZE + 16;
    const swapped = Buffer.concat([
      file.subarray(0, start),
      file.subarray(start + size, start + 2 * size),
      file.subarray(start, start + size),
      file.subarray(start + 2 * size),
    ]);
    expect(await refusal(swapped)).toMatchObject({ reason: 'altered' });
  });

  it('refuses a file cut short, at a part boundary or inside a part, and bytes after its end', async () => {
    expect(await refusal(file.subarray(0, file.length - 100))).toMatchObject({ reason: 'truncated' });
    const { header: h } = await readHeader(source(file));
    const start = 13 + Buffer.byteLength(JSON.stringify(h));
    const twoParts = start + 2 * (5 + CHUNK_SIZE + 16);
    expect(await refusal(file.subarray(0, twoParts))).toMatchObject({
      reason: 'truncated',
      message: expect.stringMatching(/last part is missing/),
    });
    expect(await refusal(Buffer.concat([file, Buffer.from('x')]))).toMatchObject({
      reason: 'altered',
      message: expect.stringMatching(/after its last part/),
    });
  });

  it('refuses what is not a backup, and a format from a newer version', async () => {
    expect(await refusal(Buffer.from('PK\u0003\u0004 a zip file'))).toMatchObject({ reason: 'format' });
    const newer = Buffer.from(file);
    newer[8] = 9;
    expect(await refusal(newer)).toMatchObject({ reason: 'newer', message: expect.stringMatching(/format 9, made by a newer version/) });
  });
});
