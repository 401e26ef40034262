// `--store` parsing: each scheme names its store, an unknown one is refused with the accepted list, and a
// password in a URL is never part of what the demo prints.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoreUrl, redactUrl, StoreUrlError } from '../src/open-store.js';

describe('parseStoreUrl', () => {
  it('maps each scheme to its store kind; sqlite: and file: take relative, absolute and /// paths', () => {
    expect(parseStoreUrl('sqlite:./a.db')).toMatchObject({
      kind: 'sqlite',
      url: `sqlite:${resolve('a.db')}`,
      shared: true,
    });
    expect(parseStoreUrl('sqlite:///tmp/a.db').url).toBe('sqlite:/tmp/a.db');
    expect(parseStoreUrl('file:/tmp/t.json')).toMatchObject({ kind: 'file', url: 'file:/tmp/t.json' });
    expect(parseStoreUrl('mysql://root@127.0.0.1:3306/test').kind).toBe('mysql');
    expect(parseStoreUrl('rediss://h:6380').kind).toBe('redis');
    expect(parseStoreUrl('mongodb+srv://cluster.example.com/db').kind).toBe('mongodb');
    expect(parseStoreUrl('memory:')).toMatchObject({ kind: 'memory', shared: false });
  });

  it('refuses an unknown scheme, a missing path and a malformed URL with StoreUrlError', () => {
    expect(() => parseStoreUrl('postgres://x/y')).toThrow(
      /unknown store "postgres:\/\/x\/y": use one of sqlite:<path>/,
    );
    expect(() => parseStoreUrl('tokens.db')).toThrow(StoreUrlError);
    expect(() => parseStoreUrl('sqlite:')).toThrow(/needs a path/);
    expect(() => parseStoreUrl('redis://[bad')).toThrow(/not a valid URL/);
  });

  it('never puts a password in the description or in error messages', () => {
    const target = parseStoreUrl('redis://user:s3cret-pw@127.0.0.1:6379/0');
    expect(target.description).not.toContain('s3cret-pw');
    expect(target.description).toContain('user:***@');
    expect(target.url).toContain('s3cret-pw'); // what another process needs, passed by env, never printed
    expect(() => parseStoreUrl('pg://u:s3cret-pw@h/db')).toThrow(/u:\*\*\*@/);
    expect(redactUrl('mysql://root@127.0.0.1/test')).toBe('mysql://root@127.0.0.1/test');
  });
});
