// The one-shot HTTP receiver Launchpad redirects the browser to. It binds the registered loopback port (Launchpad
// matches the redirect URI exactly, so there is no other port to fall back to), accepts exactly one answer whose
// `state` is ours, sends the browser to /done so the code leaves the address bar, and shuts. An answer with another
// state is refused on its own (400) and the wait goes on: any web page can send the browser here, and must not be
// able to cancel a sign-in in progress.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REGISTER_INTEGRATION_URL, type RedirectTarget } from './config.ts';
import { AuthError } from './errors.ts';
import { outcomePage, PAGE_HEADERS, type PageOutcome } from './pages.ts';

export const LOGIN_TIMEOUT_MS = 5 * 60_000;

const WRONG_STATE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not this sign-in · Basecamp Companion</title></head>
<body><h1 data-outcome="wrong-state">Not this sign-in</h1><p>This answer does not belong to the sign-in Basecamp Companion is waiting for (its state did not match), so it was refused. If you are signing in, use the link Basecamp Companion opened.</p></body></html>
`;
/** How long the receiver waits for the browser to fetch /done after the callback before it shuts anyway. */
const DONE_GRACE_MS = 5_000;

export interface LoopbackReceiver {
  /** The port actually bound (equal to the redirect URI's). */
  readonly port: number;
  /** The authorization code, or an AuthError (denied, state mismatch, timeout, cancelled). */
  readonly code: Promise<string>;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  redirect: RedirectTarget;
  state: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Launchpad's own words in an error callback, reduced to harmless characters before they reach a message. */
function clean(text: string | null): string {
  return (text ?? '')
    .replace(/[^\w .,:'()-]/g, ' ')
    .slice(0, 200)
    .trim();
}

function portInUse(redirect: RedirectTarget, cause: unknown): AuthError {
  return new AuthError(
    'port_in_use',
    `Port ${redirect.port} on ${redirect.bindHost} is already in use, and Launchpad can only send you back to the registered address ${redirect.uri}. Close the program using that port (perhaps another sign-in that is still open), or register a different loopback redirect URI for your integration and set BASECAMP_REDIRECT_URI to it, then sign in again.`,
    { cause },
  );
}

export async function startLoopbackReceiver(options: LoopbackOptions): Promise<LoopbackReceiver> {
  const { redirect, state } = options;
  let settle: { resolve: (code: string) => void; reject: (error: AuthError) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => {}); // the caller observes it; an unobserved rejection must not crash the process
  let outcome: PageOutcome | undefined;
  /** Answers refused for a wrong state, to explain a timeout. */
  let refusedAnswers = 0;
  let graceTimer: NodeJS.Timeout | undefined;

  const finish = (result: { code: string } | { error: AuthError }, page: PageOutcome): void => {
    if (outcome) return;
    outcome = page;
    if ('code' in result) settle?.resolve(result.code);
    else settle?.reject(result.error);
    clearTimeout(timeout);
    options.signal?.removeEventListener('abort', onAbort);
  };

  const server = http.createServer((request, response) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { ...PAGE_HEADERS, Connection: 'close', ...headers });
      response.end(body);
    };
    // A page on some other site can reach 127.0.0.1 through DNS rebinding; its Host header gives it away.
    if (!redirect.hosts.includes((request.headers.host ?? '').toLowerCase()) || request.method !== 'GET') {
      send(400, 'Bad request\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname === '/done' && outcome) {
      response.once('finish', () => void close());
      send(200, outcomePage(outcome));
      return;
    }
    if (url.pathname !== redirect.pathname || outcome) {
      send(404, 'Not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    const returnedState = url.searchParams.get('state');
    const error = url.searchParams.get('error');
    const authCode = url.searchParams.get('code');
    if (returnedState !== state) {
      refusedAnswers += 1;
      send(400, WRONG_STATE_PAGE);
      return;
    }
    if (error === 'access_denied') {
      finish(
        {
          error: new AuthError(
            'access_denied',
            'You chose Deny on the Launchpad page, so Basecamp Companion was not given access and nothing was stored. Sign in again and choose Allow when you are ready.',
          ),
        },
        'denied',
      );
    } else if (error || !authCode) {
      const said =
        clean(url.searchParams.get('error_description')) || clean(error) || 'no authorization code';
      finish(
        {
          error: new AuthError(
            'launchpad_failed',
            `Launchpad did not complete the sign-in (${said}). Start it again; if it keeps failing, check your integration at https://launchpad.37signals.com/integrations.`,
          ),
        },
        'failed',
      );
    } else {
      finish({ code: authCode }, 'ok');
    }
    send(302, '', { Location: `/done?outcome=${outcome}` });
    graceTimer = setTimeout(() => void close(), DONE_GRACE_MS);
    graceTimer.unref();
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      finish(
        {
          error: new AuthError(
            'cancelled',
            'Sign-in was cancelled before the browser came back. Nothing was stored.',
          ),
        },
        'failed',
      );
      clearTimeout(graceTimer);
      server.close(() => resolve());
      server.closeIdleConnections();
      // Let the /done page finish writing, then drop anything still open.
      setImmediate(() => server.closeAllConnections());
    });
    return closing;
  };

  const onAbort = (): void => void close();
  const timeout = setTimeout(() => {
    finish(
      {
        error: new AuthError(
          'timeout',
          `No answer came back from the browser within ${Math.round((options.timeoutMs ?? LOGIN_TIMEOUT_MS) / 60_000) || 1} minutes, so sign-in stopped.${refusedAnswers ? ` ${refusedAnswers === 1 ? 'One answer' : `${refusedAnswers} answers`} that did not belong to this sign-in (the state did not match) ${refusedAnswers === 1 ? 'was' : 'were'} refused; use only the link the companion opens.` : ''} Start it again and choose Allow in your browser. If Launchpad said the redirect URI is not approved, register exactly ${redirect.uri} for your integration at ${REGISTER_INTEGRATION_URL} (or set BASECAMP_REDIRECT_URI to the one you registered).`,
        ),
      },
      'failed',
    );
    void close();
  }, options.timeoutMs ?? LOGIN_TIMEOUT_MS);
  timeout.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timeout);
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? portInUse(redirect, error) : error);
    });
    server.listen({ host: redirect.bindHost, port: redirect.port, exclusive: true }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (options.signal?.aborted) await close();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  return { port, code, close };
}
