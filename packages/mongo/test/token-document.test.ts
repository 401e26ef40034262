// The document mapping and the identity filters, without a server: what a save sends and what a stored
// document reads back as.
import { identityOf, type OAuthToken } from '@tokens/core';
import { describe, expect, it } from 'vitest';
import { documentToToken, identityFilter } from '../src/index.js';
import { presentFields, saveUpdate } from '../src/token-document.js';

const filterOf = (token: OAuthToken, withId = false) => {
  const identity = identityOf(token, { withId });
  if (!identity) throw new Error('no identity');
  return identityFilter(identity);
};

describe('identityFilter', () => {
  it('rule 1: by _id', () => {
    expect(filterOf({ id: 'abc', userName: 'u' }, true)).toEqual({ _id: 'abc' });
  });

  it('rule 2: by userName, exactly, and nothing else', () => {
    expect(filterOf({ userName: 'u', accessToken: 'at', clientId: 'c', clientSecret: 's' })).toEqual({
      userName: { $eq: 'u', $type: 'string' },
    });
  });

  it('rule 3: by access token when the token has no client credentials', () => {
    expect(filterOf({ accessToken: 'at', refreshToken: 'rt' })).toEqual({
      accessToken: { $eq: 'at', $type: 'string' },
    });
  });

  it('rule 4: by grant token, else refresh token, always with the client id', () => {
    const client = { clientId: 'c1', clientSecret: 's' };
    expect(filterOf({ grantToken: 'gt', refreshToken: 'rt', ...client })).toEqual({
      grantToken: { $eq: 'gt', $type: 'string' },
      clientId: 'c1',
    });
    expect(filterOf({ refreshToken: 'rt', accessToken: 'at', ...client })).toEqual({
      refreshToken: { $eq: 'rt', $type: 'string' },
      clientId: 'c1',
    });
  });

  it('a value that looks like an operator stays a plain string to compare', () => {
    expect(filterOf({ userName: '$where' })).toEqual({ userName: { $eq: '$where', $type: 'string' } });
  });
});

describe('saveUpdate', () => {
  it('sets the present fields only, never the id, and sets the drawn id on insert only', () => {
    const token = { id: 'given', userName: 'u', accessToken: 'at', expiresAt: 0 };
    expect(saveUpdate(token, undefined)).toEqual({
      $set: { userName: 'u', accessToken: 'at', expiresAt: 0 },
    });
    expect(saveUpdate({ userName: 'u', refreshToken: 'rt' }, 'newid12345')).toEqual({
      $set: { userName: 'u', refreshToken: 'rt' },
      $setOnInsert: { _id: 'newid12345' },
    });
  });

  it('writes no $unset: absent fields keep their stored values', () => {
    expect(Object.keys(saveUpdate({ userName: 'u' }, undefined))).toEqual(['$set']);
    expect(presentFields({ id: 'x' })).toEqual({});
  });
});

describe('documentToToken', () => {
  it('reads _id as the id and the fields under their token names', () => {
    const doc = {
      _id: 'abc',
      userName: 'u',
      clientId: 'c',
      clientSecret: 's',
      accessToken: 'at',
      refreshToken: 'rt',
      grantToken: 'gt',
      expiresAt: 1_767_225_600_123,
      redirectUrl: 'https://example.com/cb',
      apiDomain: 'https://www.zohoapis.eu',
    };
    const { _id, ...fields } = doc;
    expect(documentToToken(doc)).toEqual({ id: 'abc', ...fields });
  });

  it('absent, null and empty fields read as absent', () => {
    const token = documentToToken({ _id: '1', userName: 'u', accessToken: null, grantToken: '' });
    expect(token).toEqual({ id: '1', userName: 'u' });
    expect(Object.keys(token!)).toEqual(['id', 'userName']);
  });

  it('ignores fields another application added', () => {
    expect(documentToToken({ _id: '1', accessToken: 'at', createdAt: new Date(0) })).toEqual({
      id: '1',
      accessToken: 'at',
    });
  });

  it('refuses documents that are not tokens (the store reports CORRUPT)', () => {
    for (const doc of [
      { accessToken: 'at' },
      { _id: 7, accessToken: 'at' },
      { _id: '', accessToken: 'at' },
      { _id: '1', accessToken: 42 },
      { _id: '1', userName: ['u'] },
      { _id: '1', expiresAt: '1700000000000' },
      { _id: '1', expiresAt: 1.5 },
      { _id: '1', expiresAt: -1 },
      { _id: '1', expiresAt: 2 ** 53 },
    ]) {
      expect(documentToToken(doc as Record<string, unknown>)).toBeUndefined();
    }
  });

  it('a saved token reads back as itself (the $set fields plus _id are the document)', () => {
    const token = { userName: 'u', accessToken: 'at', expiresAt: 8_640_000_000_000_000 };
    const doc = { _id: 'id1', ...presentFields(token) };
    expect(documentToToken(doc)).toEqual({ id: 'id1', ...token });
  });
});
