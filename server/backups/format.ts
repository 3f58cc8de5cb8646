// The backup file (docs/adr/0024): a plain header, then the archive encrypted in chunks.
//
//   "AIRGAPBK" | u8 format | u32 header length | header JSON | chunk…
//   chunk = u8 last | u32 length | AES-256-GCM(plain piece) with its 16-byte tag
//
// The key comes from the passphrase with scrypt (N=2^17, r=8, p=1, a random salt); the header also
// holds a check value derived from the passphrase, so a wrong passphrase is told apart at once.
// Each chunk's nonce is the header's random 7-byte prefix, the chunk's number and the last-chunk
// flag, and every chunk authenticates the whole header: a changed byte anywhere, chunks swapped,
// dropped or cut short, or anything after the last chunk, is refused.
import crypto from 'node:crypto';

export const MAGIC = Buffer.from('AIRGAPBK', 'ascii');
export const FORMAT_VERSION = 1;
export const CHUNK_SIZE = 1024 * 1024;
const TAG = 16;
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const CHECK_LABEL = 'airgap-ai-gateway backup passphrase check';

export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    message: string,
    readonly reason: 'passphrase' | 'altered' | 'truncated' | 'newer' | 'format' | 'in_use' | 'target' | 'invalid' = 'invalid',
  ) {
    super(message);
  }
}

/** What the header says; readable without the passphrase, so a restore can refuse early. */
export interface BackupHeader {
  format: 'airgap-ai-gateway-backup';
  created_at: string;
  appliance_version: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  chunk_size: number;
  nonce_prefix: string;
  /** HMAC-SHA256 of a fixed label under a key derived with the encryption key: checks the passphrase. */
  check: string;
  /** Migration versions of both databases in the backup: a restore refuses versions it does not know. */
  schema: { metadata: number[]; logs: number[] };
}

interface Keys {
  key: Buffer;
  check: Buffer;
}

function deriveKeys(passphrase: string, kdf: BackupHeader['kdf']): Promise<Keys> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      64,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 32 * 1024 * 1024 },
      (err, out) => (err ? reject(err) : resolve({ key: out.subarray(0, 32), check: out.subarray(32) })),
    );
  });
}

const checkValue = (keys: Keys) => crypto.createHmac('sha256', keys.check).update(CHECK_LABEL).digest('base64');

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** Encrypts a byte stream into the file format; `write` the archive, then `end`. */
export class BackupEncryptor {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private constructor(
    private readonly keys: Keys,
    private readonly prefix: Buffer,
    private readonly aad: Buffer,
    private readonly sink: (bytes: Buffer) => Promise<void>,
  ) {}

  /** Writes the header and returns the encryptor for the archive that follows. */
  static async start(
    passphrase: string,
    facts: Pick<BackupHeader, 'created_at' | 'appliance_version' | 'schema'>,
    sink: (bytes: Buffer) => Promise<void>,
  ): Promise<BackupEncryptor> {
    const kdf = { name: 'scrypt' as const, ...SCRYPT, salt: crypto.randomBytes(16).toString('base64') };
    const keys = await deriveKeys(passphrase, kdf);
    const prefix = crypto.randomBytes(7);
    const header: BackupHeader = {
      format: 'airgap-ai-gateway-backup',
      ...facts,
      kdf,
      cipher: 'aes-256-gcm',
      chunk_size: CHUNK_SIZE,
      nonce_prefix: prefix.toString('base64'),
      check: checkValue(keys),
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(MAGIC.length + 5);
    MAGIC.copy(head, 0);
    head[MAGIC.length] = FORMAT_VERSION;
    head.writeUInt32BE(json.length, MAGIC.length + 1);
    const whole = Buffer.concat([head, json]);
    await sink(whole);
    return new BackupEncryptor(keys, prefix, crypto.createHash('sha256').update(whole).digest(), sink);
  }

  async write(bytes: Buffer): Promise<void> {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    while (this.pendingBytes > CHUNK_SIZE) {
      const all = Buffer.concat(this.pending);
      await this.chunk(all.subarray(0, CHUNK_SIZE), false);
      this.pending = [all.subarray(CHUNK_SIZE)];
      this.pendingBytes = all.length - CHUNK_SIZE;
    }
  }

  /** The last chunk (possibly empty) closes the stream: without it a reader knows the file was cut. */
  async end(): Promise<void> {
    await this.chunk(Buffer.concat(this.pending), true);
    this.pending = [];
    this.pendingBytes = 0;
  }

  private async chunk(plain: Buffer, last: boolean): Promise<void> {
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys.key, nonce(this.prefix, this.index, last));
    cipher.setAAD(this.aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const frame = Buffer.alloc(5);
    frame[0] = last ? 1 : 0;
    frame.writeUInt32BE(body.length, 1);
    this.index++;
    await this.sink(Buffer.concat([frame, body]));
  }
}

/** Reads bytes from a file position by position (restore reads the file once, front to back). */
export interface ByteSource {
  /** Exactly `n` bytes, or fewer at the end of the file. */
  read(n: number): Promise<Buffer>;
}

/** The header, checked for shape; throws BackupError naming what is wrong. */
export async function readHeader(source: ByteSource): Promise<{ header: BackupHeader; aad: Buffer }> {
  const head = await source.read(MAGIC.length + 5);
  if (head.length < MAGIC.length + 5 || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupError('This is not an AirGap AI Gateway backup file (its first bytes are not the backup signature).', 'format');
  }
  const format = head[MAGIC.length]!;
  if (format > FORMAT_VERSION) {
    throw new BackupError(
      `This backup uses file format ${format}, made by a newer version of the appliance; this version reads format ${FORMAT_VERSION}.`,
      'newer',
    );
  }
  const length = head.readUInt32BE(MAGIC.length + 1);
  if (length > 1024 * 1024) throw new BackupError('The backup header is implausibly large: the file is damaged or altered.', 'altered');
  const json = await source.read(length);
  if (json.length < length) throw new BackupError('The backup file is truncated: it ends inside its header.', 'truncated');
  let header: BackupHeader;
  try {
    header = JSON.parse(json.toString('utf8')) as BackupHeader;
  } catch {
    throw new BackupError('The backup header is not readable: the file is damaged or altered.', 'altered');
  }
  const ok =
    header?.format === 'airgap-ai-gateway-backup' &&
    header.cipher === 'aes-256-gcm' &&
    header.kdf?.name === 'scrypt' &&
    [header.kdf.N, header.kdf.r, header.kdf.p].every((v) => Number.isInteger(v) && v > 0) &&
    header.kdf.N <= 2 ** 20 &&
    header.kdf.r <= 32 &&
    header.kdf.p <= 16 &&
    typeof header.kdf.salt === 'string' &&
    typeof header.nonce_prefix === 'string' &&
    Buffer.from(header.nonce_prefix, 'base64').length === 7 &&
    typeof header.check === 'string' &&
    Array.isArray(header.schema?.metadata) &&
    Array.isArray(header.schema?.logs);
  if (!ok) throw new BackupError('The backup header does not have the expected fields: the file is damaged or altered.', 'altered');
  return {
    header,
    aad: crypto
      .createHash('sha256')
      .update(Buffer.concat([head, json]))
      .digest(),
  };
}

/** Decrypts the chunks that follow the header, checking each; yields the archive's bytes. */
export async function* decryptChunks(source: ByteSource, header: BackupHeader, aad: Buffer, passphrase: string): AsyncGenerator<Buffer> {
  const keys = await deriveKeys(passphrase, header.kdf);
  const expected = Buffer.from(header.check, 'base64');
  const actual = Buffer.from(checkValue(keys), 'base64');
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) {
    throw new BackupError('The passphrase is wrong: it does not open this backup.', 'passphrase');
  }
  const prefix = Buffer.from(header.nonce_prefix, 'base64');
  for (let index = 0; ; index++) {
    const frame = await source.read(5);
    if (frame.length === 0) throw new BackupError('The backup file is truncated: its last part is missing.', 'truncated');
    if (frame.length < 5) throw new BackupError('The backup file is truncated in the middle of a part.', 'truncated');
    const last = frame[0] === 1;
    if (frame[0]! > 1) throw new BackupError('The backup file was altered (a part is not framed as written).', 'altered');
    const length = frame.readUInt32BE(1);
    if (length < TAG || length > header.chunk_size + TAG)
      throw new BackupError('The backup file was altered (a part has an impossible size).', 'altered');
    const body = await source.read(length);
    if (body.length < length) throw new BackupError('The backup file is truncated in the middle of a part.', 'truncated');
    const decipher = crypto.createDecipheriv('aes-256-gcm', keys.key, nonce(prefix, index, last));
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(length - TAG));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(body.subarray(0, length - TAG)), decipher.final()]);
    } catch {
      throw new BackupError(`The backup file was altered or damaged: part ${index + 1} does not authenticate.`, 'altered');
    }
    yield plain;
    if (last) {
      if ((await source.read(1)).length > 0)
        throw new BackupError('The backup file was altered: there is data after its last part.', 'altered');
      return;
    }
  }
}
