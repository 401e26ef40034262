// How driver errors are classified and what a duplicate key is about, on the driver's own error classes
// (built here as the driver builds them from a server reply; no server needed).
import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { classifyMongoError, duplicateKeyField, isDuplicateKeyError } from '../src/index.js';
import { duplicateKeyVerdict } from '../src/upsert-token.js';

const serverError = (fields: Record<string, unknown>) =>
  new MongoServerError({ ok: 0, errmsg: 'failed', ...fields } as never);

describe('classifyMongoError', () => {
  it('network failures are UNAVAILABLE', () => {
    expect(classifyMongoError(new MongoNetworkError('connection reset'))).toBe('UNAVAILABLE');
    expect(classifyMongoError(new MongoNetworkTimeoutError('timed out'))).toBe('UNAVAILABLE');
  });

  it('a server stepping down or shutting down is UNAVAILABLE', () => {
    for (const code of [91, 189, 10107, 11600, 11602, 13435, 50]) {
      expect(classifyMongoError(serverError({ code }))).toBe('UNAVAILABLE');
    }
  });

  it('other server errors, WriteConflict included, are BACKEND', () => {
    for (const code of [112, 13, 18, 2, 11000]) {
      expect(classifyMongoError(serverError({ code }))).toBe('BACKEND');
    }
    expect(classifyMongoError(new Error('boom'))).toBe('BACKEND');
    expect(classifyMongoError('not an error')).toBe('BACKEND');
  });
});

describe('duplicate keys', () => {
  const dup = (fields: Record<string, unknown>) =>
    serverError({
      code: 11000,
      errmsg:
        'E11000 duplicate key error collection: db.t index: accessToken_unique dup key: { accessToken: "s" }',
      ...fields,
    });

  it('are recognised by code 11000 only', () => {
    expect(isDuplicateKeyError(dup({}))).toBe(true);
    expect(isDuplicateKeyError(serverError({ code: 112 }))).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000'))).toBe(false);
  });

  it('name their field from keyPattern, else from the index name in the message', () => {
    expect(duplicateKeyField(dup({ keyPattern: { refreshToken: 1 } }))).toBe('refreshToken');
    expect(duplicateKeyField(dup({ keyPattern: { _id: 1 } }))).toBe('_id');
    expect(duplicateKeyField(dup({}))).toBe('accessToken');
    expect(duplicateKeyField(dup({ errmsg: 'E11000 duplicate key error index: _id_ dup key' }))).toBe('_id');
    expect(duplicateKeyField(dup({ errmsg: 'E11000 index: other_index dup key' }))).toBeUndefined();
  });
});

describe('duplicateKeyVerdict', () => {
  const first = { freshId: true, upsert: true, retried: false, draws: 1 };

  it('a drawn id that is taken is drawn again, a few times at most', () => {
    expect(duplicateKeyVerdict('_id', first)).toBe('redraw-id');
    expect(duplicateKeyVerdict('_id', { ...first, draws: 5 })).toBe('conflict');
  });

  it('an upsert that lost a race is retried once, then the duplicate is a CONFLICT', () => {
    expect(duplicateKeyVerdict('userName', first)).toBe('retry');
    expect(duplicateKeyVerdict('accessToken', first)).toBe('retry');
    expect(duplicateKeyVerdict('accessToken', { ...first, retried: true })).toBe('conflict');
  });

  it('a save by id that races another insert of that id is retried once', () => {
    expect(duplicateKeyVerdict('_id', { ...first, freshId: false })).toBe('retry');
  });

  it('an update-only save (no credential) cannot have raced an insert: CONFLICT at once', () => {
    expect(duplicateKeyVerdict('userName', { ...first, upsert: false })).toBe('conflict');
  });
});
