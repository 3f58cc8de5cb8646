// File modes in the data dir, whatever the umask: a SQLite file made private before it is opened
// (its -wal and -shm follow it), and a data dir left readable by an earlier version tightened
// without following links out of it. (The umask itself is a process setting: test/data-privacy.test.ts
// checks it on a real start.)
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../test/helpers/dataDir.ts';
import { openSqlite } from '../db/sqlite.ts';
import { ensurePrivateFile, tightenDataDir } from './fileModes.ts';

const mode = (file: string) => (fs.lstatSync(file).mode & 0o777).toString(8);

let dir: string;
let previousUmask: number;
beforeEach(() => {
  dir = makeTempDir('modes');
  // As loose as a umask gets: anything created without an explicit mode is world-writable.
  previousUmask = process.umask(0o000);
});
afterEach(() => {
  process.umask(previousUmask);
  removeDir(dir);
});

describe('a SQLite database opened through openSqlite', () => {
  it('is 0600, and so are its -wal and -shm files', () => {
    const file = path.join(dir, 'appliance.db');
    const db = openSqlite(file);
    db.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1)');
    expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(['600', '600', '600']);
    db.close();
  });

  it('without it, the same umask gives world-readable files (what the check above guards against)', () => {
    const file = path.join(dir, 'plain.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (a)');
    expect(mode(file)).not.toBe('600');
    db.close();
  });
});

describe('ensurePrivateFile', () => {
  it('creates a missing file 0600 and leaves an existing one (and its content) alone', () => {
    const file = path.join(dir, 'x.db');
    ensurePrivateFile(file);
    expect(mode(file)).toBe('600');
    fs.writeFileSync(file, 'kept');
    ensurePrivateFile(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('kept');
  });
});

describe('tightenDataDir', () => {
  it('makes the dir and its folders 0700 and its files 0600, and follows no link out of it', () => {
    const outside = makeTempDir('outside');
    try {
      const target = path.join(outside, 'not-ours.txt');
      fs.writeFileSync(target, 'x', { mode: 0o644 });
      fs.chmodSync(target, 0o644);
      fs.chmodSync(dir, 0o755);
      fs.writeFileSync(path.join(dir, 'appliance.db'), '', { mode: 0o644 });
      fs.mkdirSync(path.join(dir, 'log-journal'), { mode: 0o755 });
      fs.writeFileSync(path.join(dir, 'log-journal', 'segment-1.jsonl'), '', { mode: 0o666 });
      fs.writeFileSync(path.join(dir, 'master.key'), '', { mode: 0o400 });
      fs.symlinkSync(target, path.join(dir, 'link'));

      tightenDataDir(dir);

      expect(mode(dir)).toBe('700');
      expect(mode(path.join(dir, 'appliance.db'))).toBe('600');
      expect(mode(path.join(dir, 'log-journal'))).toBe('700');
      expect(mode(path.join(dir, 'log-journal', 'segment-1.jsonl'))).toBe('600');
      // Never widened: a read-only key stays read-only.
      expect(mode(path.join(dir, 'master.key'))).toBe('400');
      expect(mode(target)).toBe('644');
    } finally {
      removeDir(outside);
    }
  });
});
