// Tests of the window contract over the real core: a sandbox companion and the window API the tray
// would hand its page (the same backend options the shell uses, with the CLI as the stdio bridge).
import { createCompanion, type Companion } from '../app.ts';
import { createCompanionBackend } from './companion-backend.ts';
import { createWindowApi } from './handlers.ts';

export async function windowOverSandbox(
  env: NodeJS.ProcessEnv,
): Promise<{ companion: Companion; api: ReturnType<typeof createWindowApi> }> {
  const companion = await createCompanion({ sandbox: true, env, openUrl: () => {} });
  const api = createWindowApi(
    createCompanionBackend(companion, {
      surface: 'tray',
      env,
      bridge: { command: process.execPath, args: ['bridge'] },
    }),
    companion.logger,
  );
  return { companion, api };
}
