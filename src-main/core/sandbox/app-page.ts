// Where the sandbox's `app_url` links land: a plain page naming the thing, so a link the companion
// shows opens something sensible instead of a real Basecamp page that does not exist.
import type { ServerResponse } from 'node:http';
import type { ApiAccount } from './api.ts';
import { escapeHtml, sendHtml } from './http.ts';

const APP_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function appPage(res: ServerResponse, url: URL, accounts: Map<number, ApiAccount>): void {
  const [, , accountPart, ...rest] = url.pathname.split('/');
  const account = accounts.get(Number(accountPart));
  if (!account) {
    sendHtml(res, 404, 'Not found', '<h1>No such sandbox account</h1>');
    return;
  }
  const ids = rest.join('/').match(/\d+/g) ?? [];
  const recording = ids.length ? account.store.get(Number(ids[ids.length - 1])) : undefined;
  const project = ids.length ? account.store.projects.get(Number(ids[ids.length - 1])) : undefined;
  const name = recording
    ? `${recording.type}: ${recording.title}`
    : project
      ? `Project: ${project.name}`
      : account.store.account.name;
  // A to-do's content is its plain-text title; its rich text is the description.
  const rich =
    recording?.type === 'Todo'
      ? recording.fields.description
      : (recording?.fields.content ?? recording?.fields.description);
  const content = typeof rich === 'string' ? rich : '';
  sendHtml(
    res,
    200,
    name,
    `<h1>${escapeHtml(name)}</h1><p>In Basecamp this link opens the page for this item. The sandbox only shows its name.</p>${
      content ? `<div>${content}</div>` : ''
    }`,
    // Stored rich text is shown as stored (that is the point of the page), so nothing on it may run.
    { 'Content-Security-Policy': APP_PAGE_CSP, 'X-Content-Type-Options': 'nosniff' },
  );
}
