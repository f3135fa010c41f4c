// The window's backend over the wired core: what every contract channel needs, read from and done
// through the real modules (auth, client registry, configurator, settings, log ring, MCP server).
// Nothing returned here carries a token; the contract's strict schemas check that again on the way out.
import type {
  ClientKind,
  ConfigureResult,
  SettingsPatch,
  SettingsView,
  SignInProgress,
  SnapshotBody,
} from '../../src-shared/contract.ts';
import type { Companion } from './app.ts';
import { REGISTER_INTEGRATION_URL } from './auth/config.ts';
import type { LoginProgress } from './auth/login.ts';
import { buildTools } from './catalog/tools.ts';
import { domains as catalogDomains } from './catalog/index.ts';
import { configureClient as runConfigure, type ConfigureContext } from './clients/configure.ts';
import { systemEnvironment, type ClientEnvironment } from './clients/environment.ts';
import { clientStatuses } from './clients/status.ts';
import { CLIENTS, endpointUrl, type BridgeCommand } from './clients/table.ts';
import { UserFacingError } from './state/dispatch.ts';
import type { CompanionBackend } from './state/backend.ts';

export interface BackendOptions {
  surface: 'tray' | 'dashboard';
  /** How AI clients start our stdio bridge (Claude Desktop). */
  bridge: BridgeCommand;
  environment?: ClientEnvironment;
  /** Applies "open at login" to the OS (login items, XDG autostart); the shell or CLI provides it. */
  setOpenAtLogin?: (enabled: boolean) => Promise<void> | void;
}

const SIGN_IN_STEP: Record<LoginProgress['phase'], SignInProgress['step']> = {
  'waiting-for-browser': 'waiting-for-browser',
  exchanging: 'exchanging-code',
  done: 'done',
  failed: 'failed',
};

function progressFrom(event: LoginProgress): SignInProgress {
  switch (event.phase) {
    case 'waiting-for-browser':
      return {
        step: 'waiting-for-browser',
        message: 'Approve the companion on the Basecamp page in your browser.',
        authorizeUrl: event.url,
      };
    case 'exchanging':
      return { step: SIGN_IN_STEP.exchanging, message: 'Finishing sign-in with Basecamp…' };
    case 'done':
      return { step: 'done', message: `Signed in as ${event.identity.name}.` };
    case 'failed':
      return { step: 'failed', message: event.message };
  }
}

function settingsView(companion: Companion): SettingsView {
  const { port, readOnly, disabledDomains, openAtLogin, logLevel } = companion.settings.get();
  return { port, readOnly, disabledDomains, openAtLogin, logLevel };
}

export function createCompanionBackend(companion: Companion, options: BackendOptions): CompanionBackend {
  const environment = options.environment ?? systemEnvironment({});
  let appRegistered = false;
  const refreshAppRegistered = (): void => {
    void companion.auth.hasClient().then(
      (known) => {
        if (known !== appRegistered) {
          appRegistered = known;
          changed();
        }
      },
      () => undefined, // a locked keychain shows up in the auth problem, not here
    );
  };

  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  companion.settings.onChange(changed);
  companion.onActivity(changed);
  companion.auth.onProgress(changed);
  refreshAppRegistered();

  const configureContext = (): ConfigureContext => ({
    environment,
    registry: companion.clients,
    port: companion.server()?.port ?? companion.settings.get().port,
    bridge: options.bridge,
  });

  const credentialSource = (): SnapshotBody['auth']['setup']['source'] => {
    if (companion.sandbox) return 'sandbox';
    if (process.env.BASECAMP_CLIENT_ID) return 'environment';
    if (companion.settings.get().oauth.clientId) return 'settings';
    return appRegistered ? 'built-in' : 'none';
  };

  const domainViews = (): SnapshotBody['domains'] => {
    const tools = buildTools({ ...companion.toolContext, readOnly: false, disabledDomains: [] });
    return catalogDomains.map((domain) => ({
      id: domain.name,
      title: domain.title,
      toolCount: tools.filter((tool) => tool.operations.some((op) => op.domain === domain.name)).length,
    }));
  };

  return {
    status() {
      const auth = companion.auth.status();
      const server = companion.server();
      const port = server?.port ?? companion.settings.get().port;
      const kinds = clientStatuses({ environment, registry: companion.clients, port });
      const authState: SnapshotBody['auth']['state'] = auth.loginInProgress
        ? 'signing-in'
        : auth.problem
          ? 'error'
          : auth.state;
      const lastLogSeq = companion.ring.since(0, 1)[0]?.seq ?? 0;
      return {
        app: {
          version: companion.version,
          sandbox: Boolean(companion.sandbox),
          surface: options.surface,
          platform: process.platform,
        },
        auth: {
          state: authState,
          ...(auth.identity ? { identity: { name: auth.identity.name, email: auth.identity.email } } : {}),
          accounts: auth.accounts.map((account) => ({
            id: account.id,
            name: account.name,
            href: account.href,
          })),
          ...(auth.selectedAccount ? { selectedAccountId: auth.selectedAccount.id } : {}),
          ...(auth.tokenExpiresAt ? { expiresAt: auth.tokenExpiresAt } : {}),
          ...(auth.problem
            ? { problem: auth.problem }
            : auth.state === 'needs-sign-in'
              ? { problem: auth.summary }
              : {}),
          setup: {
            appRegistered: appRegistered || Boolean(companion.sandbox),
            redirectUri: auth.redirectUri,
            registerUrl: REGISTER_INTEGRATION_URL,
            source: credentialSource(),
          },
        },
        server: server
          ? { state: 'running', url: server.url, port: server.port }
          : { state: 'stopped', port: companion.settings.get().port },
        clients: companion.clients
          .list()
          .filter((client) => client.kind !== 'manual')
          .map((client) => {
            const spec = CLIENTS.find((candidate) => candidate.id === client.kind);
            const [, project] = client.name.split(/:(.+)/);
            return {
              name: client.name,
              kind: client.kind,
              label: `${spec?.title ?? client.kind}${project ? ` (project ${project})` : ''}`,
              ...(client.configPath ? { configPath: client.configPath } : {}),
              createdAt: client.createdAt,
              ...(client.revokedAt ? { revokedAt: client.revokedAt } : {}),
              ...(client.stats.clientInfo
                ? {
                    clientInfo: {
                      name: client.stats.clientInfo.name,
                      ...(client.stats.clientInfo.version
                        ? { version: client.stats.clientInfo.version }
                        : {}),
                    },
                  }
                : {}),
              ...(client.stats.lastSeen ? { lastSeenAt: client.stats.lastSeen } : {}),
              calls: client.stats.calls,
              errors: client.stats.errors,
              status: client.revokedAt ? 'revoked' : client.stats.lastSeen ? 'connected' : 'configured',
            };
          }),
        clientKinds: CLIENTS.map((spec) => {
          const found = kinds.find((entry) => entry.id === spec.id);
          return {
            kind: spec.id as ClientKind,
            label: spec.title,
            installed: found ? found.state !== 'not-installed' : false,
            configured: found ? found.state === 'configured' || found.state === 'connected' : false,
            supportsProject: spec.scopes.includes('project'),
            restartHint: spec.restartHint,
          };
        }),
        settings: settingsView(companion),
        domains: domainViews(),
        lastLogSeq,
      };
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async signIn(onProgress, signal, signInOptions) {
      onProgress({ step: 'starting', message: 'Opening Basecamp in your browser…' });
      const stop = companion.auth.onProgress((event) => onProgress(progressFrom(event)));
      try {
        const result = await companion.auth.login({
          signal,
          ...(signInOptions.accountId !== undefined ? { accountId: signInOptions.accountId } : {}),
        });
        if (result.needsAccountChoice) {
          onProgress({ step: 'done', message: 'Signed in. Choose the Basecamp account to use.' });
        }
      } catch (error) {
        if (signal.aborted) throw new UserFacingError('Sign-in cancelled.');
        throw new UserFacingError((error as Error).message);
      } finally {
        stop();
        changed();
      }
    },

    async signOut() {
      await companion.auth.logout();
      changed();
    },

    async selectAccount(accountId) {
      try {
        companion.auth.selectAccount(accountId);
      } catch (error) {
        throw new UserFacingError((error as Error).message, 'invalid-request');
      }
      changed();
    },

    async setAppCredentials(credentials) {
      await companion.auth.setClient(credentials);
      appRegistered = true;
      changed();
    },

    async revokeClient(name) {
      if (!companion.clients.revoke(name))
        throw new UserFacingError(`There is no configured client named "${name}".`, 'invalid-request');
      companion.logger.info(`Revoked the token of client "${name}"; its next call gets 401.`);
      changed();
    },

    async configureClient(kind, configureOptions) {
      try {
        const result = runConfigure(configureContext(), {
          client: kind,
          ...(configureOptions.project ? { project: configureOptions.project } : {}),
        });
        changed();
        const changedFile =
          result.action === 'added' || result.action === 'updated' || result.action === 'ran-command';
        const where = result.file ? ` in ${result.file}` : '';
        const message =
          result.action === 'run-this-command'
            ? `Run this in a terminal to finish: ${result.command?.replace(/bcc_[A-Za-z0-9_-]+/g, '<token shown by the CLI>') ?? ''}. Or use \`basecamp-companion configure ${kind}\`.`
            : result.action === 'unchanged'
              ? `${result.client.title} is already set up${where}.`
              : `${result.client.title} is connected${where}.`;
        const answer: ConfigureResult = {
          name: result.name,
          kind,
          changed: changedFile,
          ...(result.file ? { configPath: result.file } : {}),
          message,
          restartHint: result.restartHint,
        };
        return answer;
      } catch (error) {
        throw new UserFacingError((error as Error).message);
      }
    },

    async removeClient(kind, removeOptions) {
      try {
        const result = runConfigure(configureContext(), {
          client: kind,
          remove: true,
          ...(removeOptions.project ? { project: removeOptions.project } : {}),
        });
        changed();
        return {
          removed: result.action === 'removed',
          message:
            result.action === 'removed'
              ? `Removed the basecamp entry${result.file ? ` from ${result.file}` : ''}; everything else is as it was.`
              : `${result.client.title} had no basecamp entry; nothing changed.`,
        };
      } catch (error) {
        throw new UserFacingError((error as Error).message);
      }
    },

    logs(sinceSeq, limit) {
      return companion.ring.since(sinceSeq, limit);
    },

    onLog(listener) {
      return companion.ring.subscribe(listener);
    },

    getSettings() {
      return settingsView(companion);
    },

    async updateSettings(patch: SettingsPatch) {
      const before = companion.settings.get();
      try {
        companion.settings.update(() => patch);
      } catch (error) {
        throw new UserFacingError((error as Error).message, 'invalid-request');
      }
      if (patch.openAtLogin !== undefined && patch.openAtLogin !== before.openAtLogin) {
        await options.setOpenAtLogin?.(patch.openAtLogin);
      }
      if (patch.port !== undefined && patch.port !== before.port) {
        companion.logger.info(
          `The MCP port is now ${patch.port}; it takes effect the next time the companion starts.`,
        );
      }
      return settingsView(companion);
    },

    connectionInfo() {
      const url = companion.server()?.url ?? endpointUrl(companion.settings.get().port);
      return {
        url,
        note: 'Streamable HTTP. Each client needs its own token: use Configure (or `basecamp-companion configure <client>`), which writes it into the client’s config.',
      };
    },
  };
}
