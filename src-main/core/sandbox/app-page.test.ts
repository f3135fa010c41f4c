// The sandbox's app pages show stored content under a CSP that allows no script, and escape every
// value that is not the stored rich text itself.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type Sandbox } from './server.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

function addRecording(type: string, title: string, fields: Record<string, unknown>) {
  const store = sandbox.store;
  const project = [...store.projects.values()][0]!;
  const person = [...store.people.values()][0]!;
  return store.add({ type, bucketId: project.id, creatorId: person.id, title, fields });
}

async function page(id: number) {
  const account = sandbox.accounts[0]!.id;
  const res = await fetch(`${sandbox.url}/app/${account}/buckets/1/messages/${id}`);
  return { res, body: await res.text() };
}

test('stored content cannot run script: strict CSP, names escaped', async () => {
  const message = addRecording('Message', '<img src=x onerror=alert(1)>', {
    content: '<div>Hello <strong>team</strong><img src=x onerror=alert(2)></div>',
  });
  const { res, body } = await page(message.id);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /script-src/, 'no script source is allowed at all');
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(body, /<img src=x onerror=alert\(1\)>/, 'the title is escaped');
  assert.match(body, /&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.match(body, /<strong>team<\/strong>/, 'the rich text itself is shown as rich text');
});

test('a to-do’s plain-text content is escaped; only its description is rich text', async () => {
  const todo = addRecording('Todo', 'Ship it', {
    content: '<b>not rich</b>',
    description: '<div><em>rich</em></div>',
  });
  const { body } = await page(todo.id);
  assert.doesNotMatch(body, /<b>not rich<\/b>/);
  assert.match(body, /<em>rich<\/em>/);
});
