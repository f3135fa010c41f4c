import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_REDIRECT_URI,
  parseLaunchpadUrl,
  parseRedirectUri,
  resolveClient,
  resolveEndpoints,
} from './config.ts';
import type { AuthError } from './errors.ts';
import { defaultSettings } from '../settings/schema.ts';
import { createMemoryStore } from '../secrets/memory-store.ts';

test('the default redirect URI is a fixed loopback port the user registers once', () => {
  const { redirect, launchpadUrl } = resolveEndpoints(defaultSettings(), {});
  assert.equal(redirect.uri, DEFAULT_REDIRECT_URI);
  assert.equal(redirect.uri, 'http://127.0.0.1:3918/callback');
  assert.equal(redirect.bindHost, '127.0.0.1');
  assert.equal(launchpadUrl, 'https://launchpad.37signals.com');
});

test('BASECAMP_REDIRECT_URI and BASECAMP_LAUNCHPAD_URL override the defaults', () => {
  const { redirect, launchpadUrl } = resolveEndpoints(defaultSettings(), {
    BASECAMP_REDIRECT_URI: 'http://localhost:8976/oauth/back',
    BASECAMP_LAUNCHPAD_URL: 'http://127.0.0.1:4555/',
  });
  assert.deepEqual(redirect, {
    uri: 'http://localhost:8976/oauth/back',
    bindHost: '127.0.0.1',
    port: 8976,
    pathname: '/oauth/back',
    hosts: ['localhost:8976'],
  });
  assert.equal(launchpadUrl, 'http://127.0.0.1:4555');
  assert.equal(parseRedirectUri('http://[::1]:9000/cb').bindHost, '::1');
});

test('only http + loopback + explicit port is accepted as a redirect URI, with a message saying so', () => {
  for (const bad of [
    'https://127.0.0.1:3918/callback',
    'http://127.0.0.1/callback',
    'http://example.com:3918/callback',
    'http://user@127.0.0.1:3918/callback',
    'http://127.0.0.1:3918/callback?x=1',
    'http://127.0.0.1:3918/callback#frag',
    'http://127.0.0.1:0/callback',
    'http://127.0.0.1:70000/callback',
    'http://127.0.0.2:3918/callback',
  ]) {
    assert.throws(
      () => parseRedirectUri(bad),
      (error: AuthError) =>
        error.code === 'bad_redirect_uri' &&
        error.message.includes('explicit port') &&
        error.message.includes(bad),
      bad,
    );
  }
});

test('Launchpad must be https, except on loopback', () => {
  assert.throws(() => parseLaunchpadUrl('http://launchpad.example.com'), /must use https/);
  assert.throws(() => parseLaunchpadUrl('not a url'), /is not a URL/);
  assert.equal(parseLaunchpadUrl('https://launchpad.example.com/'), 'https://launchpad.example.com');
});

test('client credentials: environment first, then settings + keychain; missing ones say how to register', async () => {
  const secrets = createMemoryStore();
  const settings = defaultSettings();
  await assert.rejects(resolveClient(settings, secrets, {}, DEFAULT_REDIRECT_URI), (error: AuthError) => {
    assert.equal(error.code, 'not_configured');
    assert.match(error.message, /launchpad\.37signals\.com\/integrations/);
    assert.match(error.message, /http:\/\/127\.0\.0\.1:3918\/callback/);
    assert.match(error.message, /BASECAMP_CLIENT_ID/);
    return true;
  });
  const fromEnv = await resolveClient(
    settings,
    secrets,
    { BASECAMP_CLIENT_ID: 'env-id', BASECAMP_CLIENT_SECRET: 'env-secret-123' },
    DEFAULT_REDIRECT_URI,
  );
  assert.deepEqual(fromEnv, {
    clientId: 'env-id',
    clientSecret: 'env-secret-123',
    from: { clientId: 'env', clientSecret: 'env' },
  });

  const configured = { ...settings, oauth: { clientId: 'stored-id' } };
  await assert.rejects(
    resolveClient(configured, secrets, {}, DEFAULT_REDIRECT_URI),
    /No client secret is stored for the OAuth client stored-id/,
  );
  await secrets.set('client-secret', 'kept-in-keychain-1');
  const stored = await resolveClient(configured, secrets, {}, DEFAULT_REDIRECT_URI);
  assert.deepEqual(stored, {
    clientId: 'stored-id',
    clientSecret: 'kept-in-keychain-1',
    from: { clientId: 'settings', clientSecret: 'keychain' },
  });
});
