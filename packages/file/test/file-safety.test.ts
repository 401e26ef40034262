// What the store does to the file system around the token file: modes, directories, symlinks, paths
// that are not files, and temp files.
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTokenStore } from '../src/index.js';
import { tempDir } from './temp-store.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );

describe('file modes and directories', () => {
  it('a new file is 0600 whatever the umask, in a new directory of mode 0700', async () => {
    const dir = join(tempDir(), 'a', 'b');
    const store = new FileTokenStore({ path: join(dir, 'tokens.json') });
    const umask = process.umask(0o000);
    try {
      await store.saveToken({ userName: 'ann', accessToken: 'at' });
    } finally {
      process.umask(umask);
    }
    expect(modeOf(store.path)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    await store.close();
  });

  it('a wider existing file is narrowed to 0600 on the first write; a narrower one is never widened', async () => {
    const dir = tempDir();
    for (const [before, after] of [
      [0o644, 0o600],
      [0o666, 0o600],
      [0o400, 0o400],
    ] as const) {
      const path = join(dir, `tokens-${before.toString(8)}.json`);
      writeFileSync(path, '');
      chmodSync(path, before);
      const store = new FileTokenStore({ path });
      await store.saveToken({ userName: 'ann', accessToken: 'at' });
      expect(modeOf(path), before.toString(8)).toBe(after);
      await store.close();
    }
  });

  const asRoot = process.geteuid?.() === 0;
  it.skipIf(!asRoot)(
    `a root process rewriting another user's file gives it back to that user${asRoot ? '' : ' — skipped: needs root'}`,
    async () => {
      const path = join(tempDir(), 'tokens.json');
      writeFileSync(path, '', { mode: 0o600 });
      chownSync(path, 65534, 65534);
      const store = new FileTokenStore({ path });
      await store.saveToken({ userName: 'ann', accessToken: 'at' });
      expect([statSync(path).uid, statSync(path).gid, modeOf(path)]).toEqual([65534, 65534, 0o600]);
      await store.close();
    },
  );

  it('reads of a missing file find nothing and create nothing', async () => {
    const dir = tempDir();
    const store = new FileTokenStore({ path: join(dir, 'missing', 'tokens.json') });
    expect(await store.getTokens()).toEqual([]);
    expect(await store.findToken({ userName: 'ann' })).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    await store.close();
  });

  it('a write leaves only the file: no temp file and no lock directory', async () => {
    const dir = tempDir();
    const store = new FileTokenStore({ path: join(dir, 'tokens.json') });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.saveToken({ userName: `u${i}`, accessToken: `at${i}` })),
    );
    expect(readdirSync(dir)).toEqual(['tokens.json']);
    await store.close();
  });

  it('temp files a killed writer left are removed by the next store that writes', async () => {
    const dir = tempDir();
    const leftover = join(dir, '.tokens.json.0123456789abcdef.tmp');
    const unrelated = join(dir, 'tokens.json.bak');
    writeFileSync(leftover, '{"tokens": [');
    writeFileSync(unrelated, 'keep me');
    const store = new FileTokenStore({ path: join(dir, 'tokens.json') });
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    expect(readdirSync(dir).sort()).toEqual(['tokens.json', 'tokens.json.bak']);
    await store.close();
  });
});

describe('paths that are not a token file', () => {
  it('a symlink at the path is refused (INVALID_ARGUMENT), and the file it points to is untouched', async () => {
    const dir = tempDir();
    const target = join(dir, 'elsewhere.json');
    writeFileSync(target, 'not yours');
    const path = join(dir, 'tokens.json');
    symlinkSync(target, path);
    const store = new FileTokenStore({ path });
    expect(await codeOf(store.getTokens())).toBe('INVALID_ARGUMENT');
    expect(await codeOf(store.saveToken({ userName: 'ann', accessToken: 'at' }))).toBe('INVALID_ARGUMENT');
    expect(readFileSync(target, 'utf8')).toBe('not yours');
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    await store.close();
  });

  it('a directory at the path is refused with INVALID_ARGUMENT, for reads and writes', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tokens.json'));
    const store = new FileTokenStore({ path: join(dir, 'tokens.json') });
    for (const call of [
      () => store.getTokens(),
      () => store.saveToken({ userName: 'ann', accessToken: 'at' }),
      () => store.deleteTokens(),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: Error & { code?: string }) => e,
      );
      expect(error?.code).toBe('INVALID_ARGUMENT');
      expect(error?.message).toMatch(/directory/);
    }
    await store.close();
  });

  it('a file where a directory of the path should be is INVALID_ARGUMENT', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const store = new FileTokenStore({ path: join(dir, 'file', 'tokens.json') });
    expect(await codeOf(store.saveToken({ userName: 'ann', accessToken: 'at' }))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(store.getTokens())).toBe('INVALID_ARGUMENT');
    await store.close();
  });

  it('bad options are refused when the store is made', () => {
    for (const options of [
      {},
      { path: '' },
      { path: 'dir/' },
      { path: 'a\u0000b' },
      { path: 'x', lockStaleMs: 500 },
      { path: 'x', lockWaitMs: -1 },
    ]) {
      expect(() => new FileTokenStore(options as never), JSON.stringify(options)).toThrowError(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });
});
