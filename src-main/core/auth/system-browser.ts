// The CLI's way to open the sign-in page: the OS opener. The Electron shell injects shell.openExternal instead.
import { spawn } from 'node:child_process';

function opener(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // rundll32 takes the URL as one argument, so `&` in the query needs no cmd.exe quoting.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/** Opens an http(s) URL in the user's default browser; rejects when no opener could be started. */
export function openInSystemBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (!/^https?:\/\//i.test(url))
    return Promise.reject(new Error('Only http(s) links are opened in the browser.'));
  const [command, args] = opener(platform, url);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) =>
      reject(new Error(`Could not start ${command} to open the browser: ${error.message}`, { cause: error })),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
