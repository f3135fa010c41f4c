// E-mail forwards and the client side through a real MCP client against the sandbox (read-only tools).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_inbox and bc_clients on the sandbox', () => {
  let h: McpHarness;
  let projectId: number;
  let inboxId: number;

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    projectId = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!.id as number;
    const dock = (await h.ok('bc_projects', 'get', { project_id: projectId })).structured.dock as {
      name: string;
      id: number;
    }[];
    inboxId = dock.find((t) => t.name === 'inbox')!.id;
  });
  after(() => h.close());

  test('both tools are read-only in their annotations', async () => {
    const { tools } = await h.client.listTools();
    for (const name of ['bc_inbox', 'bc_clients']) {
      const tool = tools.find((t) => t.name === name)!;
      assert.equal(tool.annotations?.readOnlyHint, true, name);
      assert.equal(tool.annotations?.destructiveHint, false, name);
    }
  });

  test('a forwarded e-mail reads as Markdown with who sent it, and its replies', async () => {
    const forwards = await h.ok('bc_inbox', 'forwards', { inbox_id: inboxId });
    const forward = forwards.structured.items![0]!;
    assert.match(forwards.text, /from ops@harbor-outfitters\.example/);
    const one = await h.ok('bc_inbox', 'forward', { forward_id: forward.id });
    assert.match(one.text, /212 store locations/);
    assert.doesNotMatch(one.text, /<div>/);
    const replies = await h.ok('bc_inbox', 'replies', { forward_id: forward.id });
    const reply = await h.ok('bc_inbox', 'reply', {
      forward_id: forward.id,
      reply_id: replies.structured.items![0]!.id,
    });
    assert.match(reply.text, /flagged them/);
  });

  test('client approvals and messages, with their replies', async () => {
    const approvals = await h.ok('bc_clients', 'approvals', { project_id: projectId });
    const approval = approvals.structured.items![0]!;
    assert.match(approvals.text, /pending/);
    const replies = await h.ok('bc_clients', 'replies', { project_id: projectId, recording_id: approval.id });
    const reply = await h.ok('bc_clients', 'reply', {
      project_id: projectId,
      recording_id: approval.id,
      reply_id: replies.structured.items![0]!.id,
    });
    assert.match(reply.text, /hero photo/);
    const messages = await h.ok('bc_clients', 'correspondences', { project_id: projectId });
    const message = await h.ok('bc_clients', 'correspondence', {
      correspondence_id: messages.structured.items![0]!.id,
    });
    assert.match(message.text, /store locator import/);
  });

  test('an id from another project is not found (and says so)', async () => {
    const other = (await h.ok('bc_projects', 'list')).structured.items!.find((p) => p.id !== projectId)!;
    const approvals = await h.ok('bc_clients', 'approvals', { project_id: projectId });
    const answer = await h.call('bc_clients', {
      action: 'replies',
      params: { project_id: other.id, recording_id: approvals.structured.items![0]!.id },
    });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /not found|no access/i);
  });
});
