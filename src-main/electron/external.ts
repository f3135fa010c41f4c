// The only way the shell opens a browser: through the core's allow-list, never with a URL from the window.
import { checkExternalUrl, type ExternalUrlPolicy } from '../core/platform/external-url.ts';
import type { ShellElectron } from './electron-api.ts';

export function createExternalOpener(
  shell: ShellElectron['shell'],
  policy: () => ExternalUrlPolicy,
  onRefused?: (reason: string) => void,
): (url: string) => Promise<void> {
  return async (url) => {
    const check = checkExternalUrl(url, policy());
    if (!check.ok) {
      onRefused?.(check.reason);
      throw new Error(`The companion did not open that link: ${check.reason}`);
    }
    await shell.openExternal(check.url, { activate: true });
  };
}
