// Where the sandbox's `app_url` links land: a plain page naming the thing, so a link the companion
// shows opens something sensible instead of a real Basecamp page that does not exist.
import type { ServerResponse } from 'node:http';
import type { ApiAccount } from './api.ts';
import { escapeHtml, sendHtml } from './http.ts';

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
  const content = recording ? String(recording.fields.content ?? recording.fields.description ?? '') : '';
  sendHtml(
    res,
    200,
    name,
    `<h1>${escapeHtml(name)}</h1><p>In Basecamp this link opens the page for this item. The sandbox only shows its name.</p>${
      content && !/<script/i.test(content) ? `<div>${content}</div>` : ''
    }`,
  );
}
