// `pnpm demo` end to end: the built CLI in a child process, on its default store (an SQLite file in a
// fresh temp dir) and on a JSON file; what its output says is checked, and that nothing is left behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from '@tokens/file';
import { describe, expect, it } from 'vitest';
import { runDemo, startDemo, stepText } from './support/demo-process.js';

function expectTheWholeStory(stdout: string): void {
  // 1: logged in with a code exchange (one token-endpoint call).
  expect(stepText(stdout, 1)).toMatch(/code_challenge_method=S256/);
  expect(stepText(stdout, 1)).toMatch(/token-endpoint calls in this step: 1$/m);
  // 2: another process found the token and made no token call.
  const second = stepText(stdout, 2);
  expect(second).toMatch(/process \d+ \(a new Node process\) opened the same store/);
  expect(second).toMatch(/token-endpoint calls: (\d+) before, \1 after/);
  expect(second).toMatch(/token-endpoint calls in this step: 0$/m);
  // 3: 20 callers in 2 processes, one refresh, one token.
  const third = stepText(stdout, 3);
  expect(third).toMatch(/20 concurrent getAccessToken\(\) callers: 10 in process \d+, 10 in process \d+/);
  expect(third).toMatch(/refreshes seen by the server for these 20 callers: 1 \(/);
  expect(third).toMatch(/all 20 callers got the same new access token/);
  // 4: revoked, gone from the store, the old refresh token rejected.
  const fourth = stepText(stdout, 4);
  expect(fourth).toMatch(/the store has no token for .* any more/);
  expect(fourth).toMatch(/the old refresh token sent to the token endpoint: HTTP 400 invalid_grant/);
  expect(fourth).toMatch(/LOGIN_REQUIRED/);
  expect(stdout).toMatch(/^Done in [\d.]+ s\. Token-endpoint calls: 3 /m);
}

describe('pnpm demo (the terminal story)', () => {
  it('runs on the default SQLite file to the end: one refresh for 20 callers, exit 0, temp dir removed', async () => {
    const { code, stdout, stderr } = await runDemo([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectTheWholeStory(stdout);
    const dir = stdout.match(/store: +SQLite file (\S+)\/tokens\.db \(a fresh temp dir\)/)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
  });

  it('runs on another store given with --store (a JSON token file), which it leaves empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokens-demo-test-'));
    try {
      const path = join(dir, 'tokens.json');
      const { code, stdout, stderr } = await runDemo(['--store', `file:${path}`]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain(`JSON token file ${path}`);
      expect(stdout).toContain('FileTokenStore (with locks across processes)');
      expectTheWholeStory(stdout);
      const store = new FileTokenStore({ path });
      expect(await store.getTokens()).toEqual([]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says memory: cannot cross processes and runs its steps in one process', async () => {
    const { code, stdout } = await runDemo(['--store', 'memory:']);
    expect(code).toBe(0);
    expect(stepText(stdout, 2)).toMatch(/cannot cross processes/);
    expect(stepText(stdout, 3)).toMatch(/refreshes seen by the server for these 20 callers: 1 \(/);
  });

  it('stops on Ctrl-C (SIGINT) while waiting for the expiry, with code 130 and its temp dir removed', async () => {
    const demo = startDemo([]);
    const [, dir] = await demo.waitFor(/store: +SQLite file (\S+)\/tokens\.db/);
    await demo.waitFor(/waiting [\d.]+ s until the stored one expires/);
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(130);
    expect(demo.stderr()).toContain('demo interrupted');
    expect(existsSync(dir!)).toBe(false);
  });

  it('rejects an unknown store scheme with the accepted ones, and an unknown option with the usage', async () => {
    const scheme = await runDemo(['--store', 'postgres://127.0.0.1/x']);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toMatch(
      /unknown store "postgres:\/\/127\.0\.0\.1\/x": use one of sqlite:<path>, file:<path>/,
    );
    expect(scheme.stdout).toBe('');
    const option = await runDemo(['--bogus']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--bogus'[\s\S]*Usage: pnpm demo/);
  });

  it('fails with a clear message and a non-zero code when the store cannot be opened', async () => {
    const { code, stdout, stderr } = await runDemo(['--store', 'sqlite:/nonexistent-dir/tokens.db']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/demo failed: TokenStoreError: .*directory that does not exist/);
    expect(stdout).not.toMatch(/^Done/m);
  });
});
