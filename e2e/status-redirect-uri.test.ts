// README Troubleshooting sends the user to `status` for the Redirect URI to register: plain `status` must
// print it, and it must be the same one `status --json` and sign-in use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, throwawayHome } from './support/product.ts';

test('status prints the redirect URI to register, the same as status --json', async () => {
  const home = throwawayHome();
  try {
    const plain = await runCli(['status'], home.env);
    assert.equal(plain.code, 0, plain.stderr);
    const json = JSON.parse((await runCli(['status', '--json'], home.env)).stdout) as { redirectUri: string };
    assert.equal(json.redirectUri, 'http://127.0.0.1:3918/callback');
    assert.match(
      plain.stdout,
      /^Redirect URI: +http:\/\/127\.0\.0\.1:3918\/callback \(register exactly this/m,
    );
  } finally {
    home.remove();
  }
});

test('with an OAuth app set up, status prints its redirect URI and names the integration', async () => {
  const home = throwawayHome({
    BASECAMP_CLIENT_ID: 'my-integration-id',
    BASECAMP_REDIRECT_URI: 'http://127.0.0.1:4321/callback',
  });
  try {
    const plain = await runCli(['status'], home.env);
    assert.equal(plain.code, 0, plain.stderr);
    const line = plain.stdout.split('\n').find((l) => l.startsWith('Redirect URI:'));
    assert.equal(
      line,
      'Redirect URI:   http://127.0.0.1:4321/callback (must equal the one registered for your integration my-integration-id)',
    );
  } finally {
    home.remove();
  }
});
