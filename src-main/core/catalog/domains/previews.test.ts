// One-line previews through a real MCP client on the sandbox: a message written in Markdown (a mention, bold,
// paragraphs, a list, a code block) previews in the activity timeline and the drafts list as words parted
// where its blocks were, the mention as @Name, on one line.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('previews of rich text', () => {
  let h: McpHarness;
  let projectId: unknown;
  let person: { id: number; name: string };

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    projectId = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!.id;
    const client = await h.env.ctx.clientFor();
    const people = await client.request<Record<string, unknown>[]>({ method: 'GET', path: '/people.json' });
    person = people.data.at(-1) as unknown as typeof person;
  });
  after(() => h.close());

  const lineOf = (text: string, needle: string) => text.split('\n').find((line) => line.includes(needle));

  test('the activity timeline previews a message as words, blocks parted, the mention as @Name', async () => {
    await h.ok('bc_messages', 'create', {
      project_id: projectId,
      subject: 'Drift fixed',
      content: `Hi <@${person.id}>, the **Pixel 8** drift is fixed.\n\n- item one\n- item two`,
      publish: true,
    });
    const expected = `Hi @${person.name}, the Pixel 8 drift is fixed. item one item two`;
    for (const [action, params] of [
      ['activity', {}],
      ['project_activity', { project_id: projectId }],
    ] as const) {
      const answer = await h.ok('bc_reports', action, params);
      const line = lineOf(answer.text, 'drift is fixed');
      assert.ok(line?.includes(expected), `${action}: ${line ?? answer.text}`);
    }
  });

  test('the drafts list previews a draft with its code block parted from the text before it', async () => {
    await h.ok('bc_messages', 'create', {
      project_id: projectId,
      subject: 'Crash on launch',
      content: 'Stack:\n\n```\nNullPointerException at Main.java:42\n```',
    });
    const drafts = await h.ok('bc_my', 'drafts');
    const line = lineOf(drafts.text, 'Crash on launch');
    assert.ok(line?.includes('Stack: NullPointerException at Main.java:42'), line ?? drafts.text);
  });
});
