// The small page the browser shows after Launchpad sends it back to us. Static text, its own strict CSP.

export type PageOutcome = 'ok' | 'denied' | 'failed';

const TEXT: Record<PageOutcome, { title: string; body: string }> = {
  ok: {
    title: 'Signed in',
    body: 'Basecamp Companion is connected to your Basecamp account. You can close this tab.',
  },
  denied: {
    title: 'Not connected',
    body: 'You chose not to allow access, so nothing was stored. You can close this tab and sign in again from Basecamp Companion whenever you like.',
  },
  failed: {
    title: 'Sign-in did not finish',
    body: 'Basecamp Companion could not complete the sign-in. Close this tab and look at Basecamp Companion for what to do next.',
  },
};

export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function outcomePage(outcome: PageOutcome): string {
  const { title, body } = TEXT[outcome];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · Basecamp Companion</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1d2d35}
h1{font-size:1.4rem}@media (prefers-color-scheme:dark){body{background:#1b1f23;color:#e6e6e6}}</style></head>
<body><h1 data-outcome="${outcome}">${title}</h1><p>${body}</p></body></html>
`;
}
