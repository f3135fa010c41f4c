// My work through a real MCP client against the sandbox: assignments (a direct tool), Up next,
// notifications and marking them read, the private note, profile and out of office with read-back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_my on the sandbox', () => {
  let h: McpHarness;
  let meId: number;

  before(async () => {
    h = await startMcpHarness();
    meId = h.env.sandbox.store.meId;
  });
  after(() => h.close());

  test('my assignments is a direct tool: Up next first, then the rest, as compact lines', async () => {
    const answer = await h.call('bc_my_assignments', {});
    assert.equal(answer.isError, false);
    assert.match(answer.text, /Up next/);
    assert.match(answer.text, /Everything else/);
    assert.match(answer.text, /id \d+/);
  });

  test('prioritize and deprioritize an assignment', async () => {
    const due = await h.ok('bc_my', 'due');
    const item = due.structured.items!.find(
      (a) => !h.env.sandbox.store.get(a.id as number)?.fields.priority,
    )!;
    // Both take the same param name.
    await h.ok('bc_my', 'prioritize', { recording_id: item.id });
    assert.equal(h.env.sandbox.store.get(item.id as number)?.fields.priority, true);
    await h.ok('bc_my', 'deprioritize', { recording_id: item.id });
    assert.equal(h.env.sandbox.store.get(item.id as number)?.fields.priority, false);
  });

  test('notifications: unread ones, marked read by readable_sgid', async () => {
    const readings = await h.ok('bc_my', 'notifications');
    const unreads = readings.structured.unreads as unknown[];
    assert.ok(unreads.length > 0);
    // The agent reads the sgid from the text line, as it would.
    const sgid = /readable_sgid (\S+)/.exec(readings.text)?.[1];
    assert.ok(sgid, readings.text);
    await h.ok('bc_my', 'mark_read', { readables: [sgid] });
    const after = await h.ok('bc_my', 'notifications');
    assert.equal((after.structured.unreads as unknown[]).length, unreads.length - 1);
  });

  test('the private note is replaced and reads back as Markdown', async () => {
    await h.ok('bc_my', 'update_note', {
      note: { content: '<div>Call <strong>Grace</strong> on Monday</div>' },
    });
    const note = await h.ok('bc_my', 'note');
    assert.match(note.text, /Call \*\*Grace\*\* on Monday/);
  });

  test('profile changes are read back (Basecamp answers 204 with no body)', async () => {
    const done = await h.ok('bc_my', 'update_profile', { title: 'Founder' });
    assert.match(done.text, /^Done/);
    assert.equal(h.env.sandbox.store.people.get(meId)?.title, 'Founder');
    const store = h.env.sandbox.store;
    const me = store.people.get(meId)!;
    const frozen = { ...me };
    // Basecamp acknowledging a profile write and keeping the old value: the read-back catches it.
    const answer = await (async () => {
      const original = Object.getOwnPropertyDescriptor(me, 'bio');
      Object.defineProperty(me, 'bio', { get: () => frozen.bio, set: () => {}, configurable: true });
      try {
        return await h.call('bc_my', { action: 'update_profile', params: { bio: 'Something new' } });
      } finally {
        if (original) Object.defineProperty(me, 'bio', original);
      }
    })();
    assert.equal(answer.isError, true);
    assert.match(answer.text, /bio did not change/);
  });

  test('out of office on, read back, and off again', async () => {
    const on = await h.ok('bc_my', 'set_out_of_office', {
      person_id: meId,
      out_of_office: { start_date: '2026-12-20', end_date: '2026-12-31' },
    });
    assert.equal(on.structured.enabled, true);
    assert.match(on.text, /2026-12-20 → 2026-12-31/);
    const off = await h.ok('bc_my', 'end_out_of_office', { person_id: meId });
    assert.equal(off.structured.enabled, false);
  });
});
