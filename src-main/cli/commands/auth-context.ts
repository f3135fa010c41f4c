// What the sign-in commands (login, logout) take from the wired core.
import { createCompanion, type Companion } from '../../core/app.ts';
import type { Auth } from '../../core/auth/auth.ts';
import type { CliIo } from '../command.ts';

export interface AuthContext {
  companion: Companion;
  auth: Auth;
}

export async function openAuthContext(io: CliIo): Promise<AuthContext> {
  const companion = await createCompanion({ env: io.env, console: io.stderr, consoleLevel: 'warn' });
  return { companion, auth: companion.auth };
}
