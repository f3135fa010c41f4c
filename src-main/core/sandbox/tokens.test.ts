import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOKENS_KEPT, TokenStore } from './tokens.ts';

const client = {
  clientId: 'bounds-client',
  clientSecret: 'bounds-client-secret-0000',
  redirectUri: 'http://127.0.0.1:3918/callback',
  name: 'Bounds',
};

test('a long demo of sign-ins and refreshes keeps a bounded number of tokens, the latest still working', () => {
  const tokens = new TokenStore([client]);
  let latest = tokens.issue(client.clientId);
  for (let refresh = 0; refresh < 3 * TOKENS_KEPT; refresh++) {
    const next = tokens.useRefreshToken(latest.refresh_token!, client);
    assert.ok('access_token' in next, JSON.stringify(next));
    latest = next;
  }
  const counts = tokens.counts();
  assert.ok(counts.access <= TOKENS_KEPT, `access ${counts.access}`);
  assert.ok(counts.refresh <= TOKENS_KEPT, `refresh ${counts.refresh}`);
  assert.ok(counts.issued <= 2 * TOKENS_KEPT, `issued ${counts.issued}`);
  assert.equal(tokens.checkAccess(latest.access_token).ok, true);
  assert.ok(tokens.issuedTokens().includes(latest.access_token));
});

test('authorization codes nobody redeemed go once expired, and never pile up past the cap', () => {
  const expired = new TokenStore([client], { codeLifetime: -1 });
  for (let visit = 0; visit < 50; visit++) expired.issueCode(client.clientId, client.redirectUri);
  assert.equal(expired.counts().codes, 1, 'each new code clears the expired ones');

  const live = new TokenStore([client]);
  for (let visit = 0; visit < 2 * TOKENS_KEPT; visit++) live.issueCode(client.clientId, client.redirectUri);
  assert.equal(live.counts().codes, TOKENS_KEPT);
});
