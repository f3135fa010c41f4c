// `startSandbox()`: one loopback HTTP server that is both Launchpad (`/authorization…`) and the
// bc3 API (`/{accountId}/…`), seeded with demo data, with fault switches and counters.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REDIRECT_URI } from '../auth/config.ts';
import type { Logger } from '../log/logger.ts';
import { handleApi, type ApiAccount } from './api.ts';
import { appPage } from './app-page.ts';
import { handleControl } from './control.ts';
import { Counters } from './counters.ts';
import { HttpError } from './family.ts';
import { Faults } from './faults.ts';
import { sendJson } from './http.ts';
import { handleLaunchpad, type Identity, type LaunchpadAccount } from './launchpad.ts';
import { Router } from './router.ts';
import { allRoutes, allTypes } from './routes/index.ts';
import { seedSideProject, seedStudio } from './seed.ts';
import { seedExtras } from './seed-extras.ts';
import { AccountStore } from './store.ts';
import { TokenStore, type LaunchpadSettings, type OAuthClient, type TokenResponse } from './tokens.ts';
import { View } from './view.ts';

export const SANDBOX_CLIENT_ID = 'basecamp-companion-sandbox';
/** Not a secret anywhere but here: the sandbox's own, published, client. */
export const SANDBOX_CLIENT_SECRET = 'sandbox-client-secret-0000';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** How many bc3 accounts `authorization.json` lists (1 or 2; default 1). */
  bc3Accounts?: 1 | 2;
  /** Also list a bc3 account whose API address is plain http on a non-loopback host (the companion must leave it out). */
  insecureAccount?: boolean;
  /** Registered OAuth clients; default: one sandbox client (SANDBOX_CLIENT_ID / SECRET). */
  clients?: OAuthClient[];
  /** The default client's registered redirect URI (default: the companion's `http://127.0.0.1:3918/callback`). */
  redirectUri?: string;
  launchpad?: Partial<LaunchpadSettings>;
  /** Enables `/__sandbox/…` (faults, counters, settings) for requests carrying `X-Sandbox-Control: <token>`. */
  controlToken?: string;
  /** The seed's "today" (YYYY-MM-DD); due dates are relative to it. Default: the current UTC date. */
  today?: string;
  logger?: Logger;
}

export interface SandboxAccount {
  id: number;
  name: string;
  href: string;
  product: 'bc3';
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>` — the API origin. */
  url: string;
  /** Launchpad's base (the same server): pass as the companion's Launchpad URL. */
  launchpadUrl: string;
  /** The bc3 accounts, as `authorization.json` lists them. */
  accounts: SandboxAccount[];
  oauthClient: { clientId: string; clientSecret: string; redirectUri: string };
  faults: Faults;
  counters: Counters;
  tokens: TokenStore;
  /** The first bc3 account's data. */
  store: AccountStore;
  /** Every bc3 account's data, by account id. */
  stores: Map<number, AccountStore>;
  /** Every `METHOD /path` the API serves. */
  routes: string[];
  /** Tokens for the default client without the browser dance (`serve --sandbox`). */
  issueTokens(): Promise<TokenResponse & { refresh_token: string; expires_in: number }>;
  close(): Promise<void>;
}

const IDENTITY: Identity = {
  id: 7_310_001,
  first_name: 'Ada',
  last_name: 'Lindqvist',
  email_address: 'ada@juniperandpine.example',
};
const PRIMARY = { id: 5_276_001, name: 'Juniper & Pine' };
const SECONDARY = { id: 5_276_002, name: 'Trail Crew' };
const BCX_ID = 2_048_001;
const CAMPFIRE_ID = 3_096_001;
const INSECURE_ID = 4_096_001;

function buildStores(options: SandboxOptions): Map<number, AccountStore> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new Error(`sandbox: today must be YYYY-MM-DD, got '${today}'`);
  const make = (account: { id: number; name: string }, firstId: number, seed: (s: AccountStore) => void) => {
    const store = new AccountStore({ account, firstId, clockStart: `${today}T00:00:00Z` });
    store.today = today;
    seed(store);
    return store;
  };
  const stores = new Map<number, AccountStore>();
  stores.set(
    PRIMARY.id,
    make(PRIMARY, 1_069_500_001, (store) => {
      seedStudio(store);
      seedExtras(store);
    }),
  );
  if (options.bc3Accounts === 2) stores.set(SECONDARY.id, make(SECONDARY, 2_069_500_001, seedSideProject));
  return stores;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const stores = buildStores(options);
  const defaultClient: OAuthClient = {
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    redirectUri: options.redirectUri ?? DEFAULT_REDIRECT_URI,
    name: 'Basecamp Companion (sandbox)',
  };
  const clients = options.clients?.length ? options.clients : [defaultClient];
  const tokens = new TokenStore(clients, options.launchpad);
  const counters = new Counters();
  const faults = new Faults(tokens);
  const router = new Router(allRoutes);
  let origin = '';
  const apiAccounts = new Map<number, ApiAccount>();

  const launchpadAccounts = (): LaunchpadAccount[] => [
    ...[...stores.values()].map((store) => ({
      product: 'bc3' as const,
      id: store.account.id,
      name: store.account.name,
      href: `${origin}/${store.account.id}`,
      app_href: `${origin}/app/${store.account.id}`,
    })),
    ...(options.insecureAccount
      ? [
          {
            product: 'bc3' as const,
            id: INSECURE_ID,
            name: 'Juniper & Pine Mirror',
            href: `http://basecamp.example/${INSECURE_ID}`,
            app_href: `http://basecamp.example/app/${INSECURE_ID}`,
          },
        ]
      : []),
    // Other 37signals products the same person uses: the companion must never pick these.
    {
      product: 'bcx',
      id: BCX_ID,
      name: 'Juniper & Pine (Classic)',
      href: `${origin}/${BCX_ID}/api/v1`,
      app_href: `${origin}/app/${BCX_ID}`,
    },
    {
      product: 'campfire',
      id: CAMPFIRE_ID,
      name: 'Juniper & Pine Chat',
      href: `${origin}/campfire/${CAMPFIRE_ID}`,
      app_href: `${origin}/campfire/${CAMPFIRE_ID}`,
    },
  ];
  const log = options.logger?.child('sandbox');

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    try {
      if (url.pathname.startsWith('/__sandbox')) {
        await handleControl(req, res, url, { controlToken: options.controlToken, faults, counters, tokens });
        return;
      }
      if (url.pathname === '/authorization.json' || url.pathname.startsWith('/authorization')) {
        counters.launchpadRequests += 1;
        const decision = faults.decide({
          method: req.method ?? 'GET',
          path: url.pathname,
          scope: 'launchpad',
        });
        if (decision.delayMs) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
        if (decision.kind === 'rateLimit') {
          sendJson(
            res,
            429,
            { error: 'Too Many Requests', retry_after: decision.retryAfter },
            { 'Retry-After': String(decision.retryAfter) },
          );
          return;
        }
        if (decision.kind === 'serverError') {
          sendJson(res, decision.status, {
            error: 'Launchpad is having trouble (sandbox fault). Try again.',
          });
          return;
        }
        if (
          await handleLaunchpad(req, res, url, {
            origin: () => origin,
            tokens,
            counters,
            identity: IDENTITY,
            accounts: launchpadAccounts,
          })
        )
          return;
      }
      if (url.pathname.startsWith('/app/') && req.method === 'GET') {
        appPage(res, url, apiAccounts);
        return;
      }
      if (
        await handleApi(req, res, url, {
          origin: () => origin,
          router,
          tokens,
          faults,
          counters,
          accounts: apiAccounts,
        })
      )
        return;
      sendJson(res, 404, { error: `Nothing here: ${url.pathname}` });
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, error.body, error.headers);
      else {
        log?.error('sandbox request failed', { path: url.pathname, error });
        if (!res.headersSent) sendJson(res, 500, { error: 'Sandbox bug; see the log.' });
      }
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const store of stores.values())
    apiAccounts.set(store.account.id, { store, view: new View(store, allTypes, origin) });
  log?.info('sandbox Basecamp listening', { url: origin });

  const primary = [...stores.values()][0]!;
  return {
    url: origin,
    launchpadUrl: origin,
    accounts: [...stores.values()].map((s) => ({
      id: s.account.id,
      name: s.account.name,
      href: `${origin}/${s.account.id}`,
      product: 'bc3',
    })),
    oauthClient: {
      clientId: clients[0]!.clientId,
      clientSecret: clients[0]!.clientSecret,
      redirectUri: clients[0]!.redirectUri,
    },
    faults,
    counters,
    tokens,
    store: primary,
    stores,
    routes: router.patterns(),
    issueTokens: async () => {
      const issued = tokens.issue(clients[0]!.clientId);
      return {
        ...issued,
        refresh_token: issued.refresh_token!,
        expires_in: tokens.settings.accessTokenLifetime,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
