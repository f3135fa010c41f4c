// `serve --port 0` picks a port that dies with the run: its hint must not tell the user to configure a
// client for that port, but say it lasts for this run only and point at the settings port.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCli, startSandboxServe, throwawayHome } from './support/product.ts';

test('serve --port 0 says the port lasts for this run only and suggests the settings port', async () => {
  const home = throwawayHome();
  const serve = startCli(['serve', '--port', '0'], home.env);
  try {
    const [, port] = await serve.waitFor(/^http:\/\/127\.0\.0\.1:(\d+)\/mcp$/m);
    await serve.waitFor(/Press Ctrl-C to stop\./);
    const out = serve.output();
    assert.match(out, new RegExp(`Port ${port} was picked for this run only`));
    assert.match(out, /run `serve` on the settings port \(3917\)/);
    assert.doesNotMatch(out, /configure cursor --port/);
  } finally {
    await serve.stop();
    home.remove();
  }
});

test('serve --sandbox --port 0 gives its session token but no configure hint for that passing port', async () => {
  const home = throwawayHome();
  const serve = await startSandboxServe(home);
  try {
    await serve.waitFor(/Press Ctrl-C to stop\./);
    const out = serve.output();
    const port = new URL(serve.mcpUrl).port;
    assert.match(out, new RegExp(`port ${port} was picked for this run only`));
    assert.match(out, /settings port \(3917\)/);
    assert.doesNotMatch(out, /configure cursor --port/);
  } finally {
    await serve.stop();
    home.remove();
  }
});
