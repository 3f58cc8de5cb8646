// The archive inside a backup: named entries one after another (u16 name length, name, u64 size,
// bytes), ended by an empty name. Only the data dir's own files may be named, so a restore can
// never write outside the folder it restores into.
import path from 'node:path';

/** What a backup holds, relative to the data dir. */
export const TOP_LEVEL_FILES = ['manifest.json', 'appliance.db', 'logs.duckdb', 'master.key'] as const;
export const TOP_LEVEL_FOLDERS = ['pricing', 'tls'] as const;

/** Whether an entry name is one a backup may hold (`pricing/openai.json`, `tls/ca.key`, …). */
export function allowedEntry(name: string): boolean {
  if (name.length === 0 || name.length > 300 || name.includes('\\') || name.includes('\0') || path.isAbsolute(name)) return false;
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return false;
  if (parts.length === 1) return (TOP_LEVEL_FILES as readonly string[]).includes(name);
  return (TOP_LEVEL_FOLDERS as readonly string[]).includes(parts[0]!) && parts.length <= 4;
}

export function entryHeader(name: string, size: number): Buffer {
  const bytes = Buffer.from(name, 'utf8');
  const out = Buffer.alloc(2 + bytes.length + 8);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  out.writeBigUInt64BE(BigInt(size), 2 + bytes.length);
  return out;
}

export const END_OF_ARCHIVE = Buffer.from([0, 0]);

/** Reads entries from the decrypted byte stream; `onEntry` receives each entry's bytes in pieces. */
export class ArchiveReader {
  private buffered: Buffer = Buffer.alloc(0);
  private current: { name: string; left: number } | null = null;
  ended = false;

  constructor(
    private readonly handlers: {
      start(name: string, size: number): Promise<void>;
      data(bytes: Buffer): Promise<void>;
      finish(): Promise<void>;
    },
  ) {}

  async push(bytes: Buffer): Promise<void> {
    if (this.ended && bytes.length > 0) throw new Error('data after the end of the archive');
    this.buffered = this.buffered.length === 0 ? bytes : Buffer.concat([this.buffered, bytes]);
    for (;;) {
      if (this.current) {
        if (this.buffered.length === 0) return;
        const take = Math.min(this.current.left, this.buffered.length);
        if (take > 0) await this.handlers.data(this.buffered.subarray(0, take));
        this.buffered = this.buffered.subarray(take);
        this.current.left -= take;
        if (this.current.left > 0) return;
        this.current = null;
        await this.handlers.finish();
        continue;
      }
      if (this.ended) {
        if (this.buffered.length > 0) throw new Error('data after the end of the archive');
        return;
      }
      if (this.buffered.length < 2) return;
      const nameLength = this.buffered.readUInt16BE(0);
      if (nameLength === 0) {
        this.ended = true;
        this.buffered = this.buffered.subarray(2);
        continue;
      }
      if (this.buffered.length < 2 + nameLength + 8) return;
      const name = this.buffered.subarray(2, 2 + nameLength).toString('utf8');
      const size = this.buffered.readBigUInt64BE(2 + nameLength);
      if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`entry ${name} has an impossible size`);
      this.buffered = this.buffered.subarray(2 + nameLength + 8);
      this.current = { name, left: Number(size) };
      await this.handlers.start(name, Number(size));
      if (this.current.left === 0) {
        this.current = null;
        await this.handlers.finish();
      }
    }
  }
}
