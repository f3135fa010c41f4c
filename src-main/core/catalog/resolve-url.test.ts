// bc_resolve_url through a real MCP client on the sandbox: a link into a domain the user switched off
// is refused before anything is read; links elsewhere still open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

describe('resolve_url respects disabled domains', () => {
  let h: McpHarness;
  let open: McpHarness;
  before(async () => {
    h = await startMcpHarness({ disabledDomains: ['people'] });
    open = await startMcpHarness();
  });
  after(async () => {
    await h.close();
    await open.close();
  });

  const links = (harness: McpHarness) => {
    const account = harness.env.sandbox.accounts[0]!.id;
    const person = [...harness.env.sandbox.store.people.values()][0]!;
    const project = [...harness.env.sandbox.store.projects.values()][0]!;
    return {
      person: `https://3.basecamp.com/${account}/people/${person.id}`,
      projectPeople: `https://3.basecamp.com/${account}/projects/${project.id}/people`,
      project: `https://3.basecamp.com/${account}/projects/${project.id}`,
      personId: person.id,
    };
  };

  test('a link to a person is refused when people is off, and read when it is on', async () => {
    const { person, projectPeople } = links(h);
    const before = h.env.requests();
    for (const url of [person, projectPeople]) {
      const answer = await h.call('bc_resolve_url', { url });
      assert.equal(answer.isError, true, url);
      assert.match(answer.text, /points into people, which is switched off/);
      assert.doesNotMatch(answer.text, /\(item \d+\)/, 'no record is shown');
    }
    assert.equal(h.env.requests(), before, 'nothing was read from Basecamp');
    const shown = await open.call('bc_resolve_url', { url: links(open).person });
    assert.equal(shown.isError, false, shown.text);
    assert.match(shown.text, new RegExp(`\\(item ${links(open).personId}\\)`));
  });

  test('links into domains that are on still open', async () => {
    const answer = await h.call('bc_resolve_url', { url: links(h).project });
    assert.equal(answer.isError, false, answer.text);
  });
});

describe('resolve_url: a to-do link with to-dos switched off', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness({ disabledDomains: ['todos'] });
  });
  after(() => h.close());

  test('is refused, also with doubled or trailing slashes or escaped letters (Basecamp reads them plainly)', async () => {
    const account = h.env.sandbox.accounts[0]!.id;
    const todo = h.env.sandbox.store.where((r) => r.type === 'Todo' && r.status === 'active')[0]!;
    const before = h.env.requests();
    for (const path of [
      `/buckets/${todo.bucketId}/todos/${todo.id}`,
      `/buckets//${todo.bucketId}/todos/${todo.id}`,
      `/buckets/${todo.bucketId}//todos/${todo.id}/`,
      `/buckets/${todo.bucketId}/t%6Fdos/${todo.id}`,
    ]) {
      const answer = await h.call('bc_resolve_url', { url: `https://3.basecamp.com/${account}${path}` });
      assert.equal(answer.isError, true, path);
      assert.match(answer.text, /points into todos, which is switched off/, path);
    }
    assert.equal(h.env.requests(), before, 'nothing was read from Basecamp');
  });
});
