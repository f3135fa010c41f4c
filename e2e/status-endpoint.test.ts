// `status` must not mislead: it probes the keychain instead of only naming it, and it says whose endpoint
// answers on the settings port — the sandbox (npm run demo), another profile's, or ours.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  runCli,
  startCli,
  throwawayHome,
  type RunningCommand,
  type ThrowawayHome,
} from './support/product.ts';

interface StatusJson {
  serving: boolean;
  servingMode: string | null;
  servingProfile: string | null;
  keychainProblem: string | null;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A HOME whose settings put the endpoint on `port`. */
function homeOnPort(port: number, env: NodeJS.ProcessEnv = {}): ThrowawayHome {
  const home = throwawayHome(env);
  fs.mkdirSync(home.dataDir, { recursive: true });
  fs.writeFileSync(path.join(home.dataDir, 'settings.json'), JSON.stringify({ port }));
  return home;
}

async function status(home: ThrowawayHome): Promise<{ text: string; json: StatusJson }> {
  const plain = await runCli(['status'], home.env);
  assert.equal(plain.code, 0, plain.stderr);
  const json = await runCli(['status', '--json'], home.env);
  assert.equal(json.code, 0, json.stderr);
  return { text: plain.stdout, json: JSON.parse(json.stdout) as StatusJson };
}

let port: number;
let demo: ThrowawayHome;
let serve: RunningCommand;

before(async () => {
  port = await freePort();
  demo = homeOnPort(port);
  serve = startCli(['serve', '--sandbox'], demo.env);
  await serve.waitFor(new RegExp(`^http://127\\.0\\.0\\.1:${port}/mcp$`, 'm'));
});

after(async () => {
  await serve?.stop();
  demo?.remove();
});

test('while serve --sandbox runs, status says the endpoint is running the sandbox', async () => {
  const { text, json } = await status(demo);
  assert.match(
    text,
    new RegExp(`^MCP endpoint: +http://127\\.0\\.0\\.1:${port}/mcp \\(running, sandbox`, 'm'),
  );
  assert.equal(json.serving, true);
  assert.equal(json.servingMode, 'sandbox');
  assert.equal(json.servingProfile, 'this');
});

test('status from another data directory says the running endpoint belongs to another profile', async (t) => {
  const other = homeOnPort(port);
  t.after(() => other.remove());
  const { text, json } = await status(other);
  assert.match(text, /^MCP endpoint: .*\(running, but for another profile/m);
  assert.equal(json.servingProfile, 'other');
});

test(
  'with no Secret Service answering, status says so and what to do',
  { skip: process.platform !== 'linux' },
  async (t) => {
    const home = throwawayHome({ DBUS_SESSION_BUS_ADDRESS: '', DISPLAY: '' });
    t.after(() => home.remove());
    const { text, json } = await status(home);
    assert.match(
      text,
      /^Keychain: +the Secret Service \(GNOME Keyring or KWallet\) — not answering: .*gnome-keyring/m,
    );
    assert.match(json.keychainProblem ?? '', /^not answering: /);
  },
);

test('with a Secret Service answering, status names it with no problem', async (t) => {
  if (!process.env.BASECAMP_COMPANION_TEST_KEYRING) {
    t.skip('no Secret Service in this session; run the test under scripts/with-keyring.sh');
    return;
  }
  const home = throwawayHome();
  t.after(() => home.remove());
  const { text, json } = await status(home);
  assert.doesNotMatch(text, /not answering|locked/);
  assert.equal(json.keychainProblem, null);
});
