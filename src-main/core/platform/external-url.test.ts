import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExternalUrl, linksOffered } from './external-url.ts';
import { sampleSnapshot } from './testing.ts';

test('https Launchpad and Basecamp addresses are opened as given', () => {
  const authorize =
    'https://launchpad.37signals.com/authorization/new?type=web_server&client_id=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A3918%2Fcallback';
  assert.deepEqual(checkExternalUrl(authorize), { ok: true, url: authorize });
  assert.equal(checkExternalUrl('https://3.basecamp.com/999/projects').ok, true);
});

test('other schemes, other sites and credentials in the address are refused with a reason', () => {
  for (const url of [
    'http://launchpad.37signals.com/authorization/new',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'vscode://settings',
    'https://evil.example.com/',
    'https://launchpad.37signals.com.evil.example/',
    'https://user:pass@3.basecamp.com/',
    'not a url',
  ]) {
    const result = checkExternalUrl(url);
    assert.equal(result.ok, false, url);
    assert.ok(!result.ok && result.reason.length > 0);
  }
});

test('the sandbox Launchpad on loopback http is allowed, and only that origin', () => {
  const policy = { launchpadBase: 'http://127.0.0.1:41234' };
  assert.equal(checkExternalUrl('http://127.0.0.1:41234/authorization/new?state=x', policy).ok, true);
  assert.equal(checkExternalUrl('http://127.0.0.1:41235/authorization/new', policy).ok, false);
  assert.equal(checkExternalUrl('http://127.0.0.1:9/', policy).ok, false);
  // A non-loopback Launchpad base still needs https.
  assert.equal(
    checkExternalUrl('http://launchpad.example/x', { launchpadBase: 'http://launchpad.example' }).ok,
    false,
  );
});

test('a custom list of origins replaces the default one', () => {
  assert.equal(checkExternalUrl('https://docs.example/help', { origins: ['https://docs.example'] }).ok, true);
  assert.equal(checkExternalUrl('https://3.basecamp.com/', { origins: ['https://docs.example'] }).ok, false);
});

test('the links offered to the window are the ones main built: setup help and the sign-in page', () => {
  assert.deepEqual(linksOffered(sampleSnapshot()), ['https://launchpad.37signals.com/integrations']);
  const signingIn = sampleSnapshot((s) => {
    s.auth.state = 'signing-in';
    s.auth.progress = {
      step: 'waiting-for-browser',
      message: 'Approve',
      authorizeUrl: 'https://launchpad.37signals.com/authorization/new?x=1',
    };
  });
  assert.deepEqual(linksOffered(signingIn), [
    'https://launchpad.37signals.com/integrations',
    'https://launchpad.37signals.com/authorization/new?x=1',
  ]);
});
