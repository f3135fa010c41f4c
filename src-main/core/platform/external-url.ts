// The one gate in front of "open this in the browser". The shell calls shell.openExternal only with
// a URL this function accepted, and only with URLs main built itself (never one from the window).
import type { Snapshot } from '../../../src-shared/contract.ts';

/** Sites the companion may send the user to: Launchpad sign-in, Basecamp itself, and help pages. */
export const EXTERNAL_ORIGINS: readonly string[] = [
  'https://launchpad.37signals.com',
  'https://3.basecamp.com',
  'https://basecamp.com',
  'https://github.com',
];

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export interface ExternalUrlPolicy {
  /**
   * The Launchpad base the auth flow uses. Normally https://launchpad.37signals.com; with the
   * embedded sandbox it is a loopback http:// origin, which is then allowed too (and only it).
   */
  launchpadBase?: string;
  origins?: readonly string[];
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

export function checkExternalUrl(raw: string, policy: ExternalUrlPolicy = {}): ExternalUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'That is not a web address.' };
  }
  if (url.username || url.password)
    return { ok: false, reason: 'Addresses with a user name or password are not opened.' };

  const launchpad = policy.launchpadBase ? new URL(policy.launchpadBase) : null;
  if (launchpad && url.origin === launchpad.origin) {
    // The sandbox Launchpad is plain http, but only on loopback.
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      return { ok: true, url: url.href };
    }
    return { ok: false, reason: 'Launchpad must be reached over https.' };
  }
  if (url.protocol !== 'https:')
    return { ok: false, reason: `Only https addresses are opened, not ${url.protocol}` };
  const allowed = (policy.origins ?? EXTERNAL_ORIGINS).map(originOf);
  if (!allowed.includes(url.origin))
    return { ok: false, reason: `${url.origin} is not a site the companion links to.` };
  return { ok: true, url: url.href };
}

/**
 * The links main itself put in front of the user (the sign-in page to open again, where to register an
 * integration). A link the window asks to open is opened only if it is one of these, exactly.
 */
export function linksOffered(snapshot: Snapshot): string[] {
  const links = [snapshot.auth.setup.registerUrl];
  if (snapshot.auth.progress?.authorizeUrl) links.push(snapshot.auth.progress.authorizeUrl);
  return links;
}
