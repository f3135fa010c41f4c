// A signed-in companion for tests: a sandbox Launchpad, fresh settings, a secret store, and the Auth object
// wired to them the way the app wires it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../log/logger.ts';
import { openSettings, type Settings } from '../settings/settings.ts';
import { createMemoryStore } from '../secrets/memory-store.ts';
import type { SecretStore } from '../secrets/store.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server.ts';
import { createAuth, type Auth, type AuthOptions } from './auth.ts';
import { visitSignInLink, type BrowserVisit } from './browser-test-support.ts';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface AuthHarness {
  sandbox: Sandbox;
  settings: Settings;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  auth: Auth;
  /** A second Auth over the same settings directory and secrets: another process of the same user. */
  another(overrides?: Partial<AuthOptions>): Auth;
  close(): Promise<void>;
}

export async function authHarness(
  options: { sandbox?: SandboxOptions; secrets?: SecretStore; auth?: Partial<AuthOptions> } = {},
): Promise<AuthHarness> {
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  const sandbox = await startSandbox({ redirectUri, ...options.sandbox });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-auth-'));
  const settings = openSettings(dataDir, silentLogger);
  const secrets = options.secrets ?? createMemoryStore();
  const env: NodeJS.ProcessEnv = {
    BASECAMP_LAUNCHPAD_URL: sandbox.launchpadUrl,
    BASECAMP_REDIRECT_URI: redirectUri,
    BASECAMP_CLIENT_ID: sandbox.oauthClient.clientId,
    BASECAMP_CLIENT_SECRET: sandbox.oauthClient.clientSecret,
  };
  const make = (overrides: Partial<AuthOptions> = {}): Auth =>
    createAuth({
      settings,
      secrets,
      env,
      logger: silentLogger,
      openUrl: () => {},
      ...options.auth,
      ...overrides,
    });
  return {
    sandbox,
    settings,
    secrets,
    env,
    dataDir,
    auth: make(),
    another: (overrides) => make({ settings: openSettings(dataDir, silentLogger), ...overrides }),
    close: () => sandbox.close(),
  };
}

/** Sign in the way a user does: the "browser" follows the link the login hands out and presses Allow (or Deny). */
export async function signIn(
  auth: Auth,
  options: { decision?: 'allow' | 'deny'; accountId?: number; tamper?: (redirect: URL) => URL } = {},
): Promise<{ result: Awaited<ReturnType<Auth['login']>>; visit: BrowserVisit }> {
  let visit: Promise<BrowserVisit> | undefined;
  const result = auth.login({
    noBrowser: true,
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    onUrl: (url) => {
      visit = visitSignInLink(url, options.decision ?? 'allow', options.tamper);
    },
  });
  const settled = await Promise.allSettled([result]);
  const browsed = await (visit ?? Promise.reject(new Error('login never handed out a URL')));
  if (settled[0].status === 'rejected') throw Object.assign(settled[0].reason as Error, { visit: browsed });
  return { result: settled[0].value, visit: browsed };
}
