// What the sign-in commands (login, logout, status, serve) share: settings, the OS keychain, the Auth object.
import { createAuth, type Auth } from '../../core/auth/auth.ts';
import { openInSystemBrowser } from '../../core/auth/system-browser.ts';
import { createLogger, type Logger } from '../../core/log/logger.ts';
import { resolveDataDir } from '../../core/paths.ts';
import { createKeyringStore, keychainService } from '../../core/secrets/keyring-store.ts';
import type { SecretStore } from '../../core/secrets/store.ts';
import { openSettings, type Settings } from '../../core/settings/settings.ts';
import type { CliIo } from '../command.ts';

export interface AuthContext {
  auth: Auth;
  settings: Settings;
  secrets: SecretStore;
  logger: Logger;
}

export function openAuthContext(
  io: CliIo,
  logger: Logger = createLogger({ level: 'warn', console: io.stderr }),
): AuthContext {
  const settings = openSettings(resolveDataDir(io.env), logger);
  const secrets = createKeyringStore({ service: keychainService(io.env) });
  const auth = createAuth({
    settings,
    secrets,
    env: io.env,
    logger,
    openUrl: (url) => openInSystemBrowser(url),
  });
  return { auth, settings, secrets, logger };
}
