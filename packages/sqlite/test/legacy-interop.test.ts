// Interop with the Zoho article's Python SQLite store: its zohooauth.db opens as it is, its tokens are
// found by every identity rule, saves update them in place, and the migration keeps every row and column.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteTokenStore } from '../src/index.js';
import { ARTICLE_TABLE_SQL, type LegacyRow, snapshot, writeLegacyDatabase } from './legacy-table.js';
import { tempDatabases } from './temp-db.js';

const newFile = tempDatabases('legacy');

// As the Python store writes them: ids "1", "2", ...; expiry_time a decimal string of ms; absent values
// as NULL (None) or as empty strings.
const ROWS: LegacyRow[] = [
  {
    id: '1',
    user_name: 'ada@example.com:20050',
    client_id: '1000.CLIENT',
    client_secret: 'py-client-secret',
    refresh_token: '1000.py-refresh-1',
    access_token: '1000.py-access-1',
    grant_token: null,
    expiry_time: '1767225600000',
    redirect_url: 'https://example.com/callback',
    api_domain: 'https://www.zohoapis.com',
  },
  {
    id: '2',
    user_name: '',
    client_id: '',
    client_secret: '',
    access_token: '1000.py-access-2',
    expiry_time: '1767225601000',
  },
  {
    id: '3',
    client_id: '1000.CLIENT',
    client_secret: 'py-client-secret',
    grant_token: '1000.py-grant-3',
    refresh_token: '1000.py-refresh-3',
    expiry_time: '',
  },
];

function legacyFile(): string {
  const file = join(newFile(), '..', `zohooauth-${Math.random().toString(36).slice(2)}.db`);
  writeLegacyDatabase(file, ROWS);
  return file;
}

describe("the Zoho article's zohooauth.db", () => {
  it('opens as it is: every row and the table definition are kept, the additions sit beside them', async () => {
    const file = legacyFile();
    const before = snapshot(file);
    const store = new SqliteTokenStore({ filename: file });
    await store.close();
    const after = snapshot(file);
    expect(after.rows).toEqual(before.rows);
    expect(after.schema.find((e) => e.name === 'oauthtoken')?.sql).toBe(
      ARTICLE_TABLE_SQL.replace(' IF NOT EXISTS', ''),
    );
    expect(after.schema.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'oauthtoken_leases',
        'oauthtoken_meta',
        'oauthtoken_user_uq',
        'oauthtoken_at_uq',
      ]),
    );
    // Opening again finds the migration done and changes nothing.
    const again = new SqliteTokenStore({ filename: file });
    await again.close();
    expect(snapshot(file)).toEqual(after);
  });

  it("finds the Python store's tokens by every identity rule, with its ids and expiry", async () => {
    await using store = new SqliteTokenStore({ filename: legacyFile() });
    const client = { clientId: '1000.CLIENT', clientSecret: 'py-client-secret' };
    expect({ ...(await store.findToken({ userName: 'ada@example.com:20050' })) }).toEqual({
      id: '1',
      userName: 'ada@example.com:20050',
      ...client,
      refreshToken: '1000.py-refresh-1',
      accessToken: '1000.py-access-1',
      expiresAt: 1_767_225_600_000,
      redirectUrl: 'https://example.com/callback',
      apiDomain: 'https://www.zohoapis.com',
    });
    // Empty cells read as absent.
    expect({ ...(await store.findToken({ accessToken: '1000.py-access-2' })) }).toEqual({
      id: '2',
      accessToken: '1000.py-access-2',
      expiresAt: 1_767_225_601_000,
    });
    expect((await store.findToken({ grantToken: '1000.py-grant-3', ...client }))?.id).toBe('3');
    expect((await store.findToken({ refreshToken: '1000.py-refresh-1', ...client }))?.id).toBe('1');
    expect(
      await store.findToken({ refreshToken: '1000.py-refresh-3', clientId: 'other', clientSecret: 'x' }),
    ).toBeUndefined();
    expect((await store.findTokenById('3'))?.grantToken).toBe('1000.py-grant-3');
    expect((await store.getTokens()).map((t) => t.id).sort()).toEqual(['1', '2', '3']);
  });

  it('saves update the legacy rows in place and leave the others as the Python store wrote them', async () => {
    const file = legacyFile();
    const before = snapshot(file).rows;
    const store = new SqliteTokenStore({ filename: file });
    const refreshed = await store.saveToken({
      userName: 'ada@example.com:20050',
      accessToken: '1000.new-access',
      expiresAt: 1_767_229_200_000,
    });
    expect(refreshed).toMatchObject({
      id: '1',
      refreshToken: '1000.py-refresh-1',
      accessToken: '1000.new-access',
    });
    const added = await store.saveToken({ userName: 'bob@example.com:20050', refreshToken: '1000.bob' });
    await store.close();

    const { rows } = snapshot(file);
    expect(rows.find((r) => r.id === '1')).toEqual({
      ...before[0],
      access_token: '1000.new-access',
      expiry_time: '1767229200000',
    });
    expect(rows.filter((r) => r.id === '2' || r.id === '3')).toEqual([before[1], before[2]]);
    // A new row, in the Python store's format: text expiry, NULL for absent values, a short id.
    expect(added.id).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(rows.find((r) => r.id === added.id)).toMatchObject({
      user_name: 'bob@example.com:20050',
      refresh_token: '1000.bob',
      access_token: null,
      expiry_time: null,
    });
    expect(rows).toHaveLength(4);
  });
});
