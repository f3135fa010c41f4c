// Reports and tracking through a real MCP client against the sandbox: account-wide feeds with
// paging, the overdue report, gauges, and timesheets (Basecamp's own hours format read back right).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_reports on the sandbox', () => {
  let h: McpHarness;
  let harborId: number;

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    harborId = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!.id as number;
  });
  after(() => h.close());

  test('open to-dos across projects come grouped by project; the feed of messages pages on', async () => {
    const todos = await h.ok('bc_reports', 'todos', { filter: 'open' });
    assert.match(todos.text, /Harbor Outfitters/);
    const first = await h.ok('bc_reports', 'feed', { kind: 'comments', limit: 2 });
    assert.equal(first.structured.items!.length, 2);
    assert.equal(first.structured.has_more, true);
    const next = await h.ok('bc_reports', 'feed', {
      kind: 'comments',
      limit: 2,
      cursor: first.structured.next_cursor,
    });
    assert.notEqual(next.structured.items![0]!.id, first.structured.items![0]!.id);
  });

  test('the overdue report groups late to-dos; upcoming needs its window', async () => {
    const overdue = await h.ok('bc_reports', 'overdue');
    assert.match(overdue.text, /Under a week late/);
    const missing = await h.call('bc_reports', { action: 'upcoming', params: {} });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /window_starts_on: is required/);
    const upcoming = await h.ok('bc_reports', 'upcoming', {
      window_starts_on: '2026-12-01',
      window_ends_on: '2026-12-31',
    });
    assert.match(upcoming.text, /Due to-dos and cards/);
  });

  test('move a project gauge, see it in the gauge list and history; deleting an update needs confirm', async () => {
    const moved = await h.ok('bc_reports', 'move_gauge', {
      project_id: harborId,
      gauge_needle: { position: 80, color: 'green' },
    });
    const gauges = await h.ok('bc_reports', 'gauges', { project_ids: String(harborId) });
    assert.equal(gauges.structured.items!.length, 1);
    assert.match(gauges.text, /at 80%/);
    const history = await h.ok('bc_reports', 'gauge_updates', { project_id: harborId });
    assert.equal(history.structured.items![0]!.id, moved.structured.id);
    assert.equal(
      (
        await h.call('bc_reports', {
          action: 'delete_gauge_update',
          params: { needle_id: moved.structured.id },
        })
      ).isError,
      true,
    );
    await h.ok('bc_reports', 'delete_gauge_update', { needle_id: moved.structured.id, confirm: true });
    assert.notEqual(
      (await h.ok('bc_reports', 'gauge_updates', { project_id: harborId })).structured.items![0]!.id,
      moved.structured.id,
    );
  });

  test('log time, change it to 1:30 (Basecamp answers 1.5), delete it behind confirm', async () => {
    const entries = await h.ok('bc_reports', 'project_timesheet', { project_id: harborId });
    const todoId = (entries.structured.items![0]!.parent as { id: number }).id;
    const logged = await h.ok('bc_reports', 'log_time', {
      recording_id: todoId,
      date: '2026-12-02',
      hours: '2',
      description: 'QA pass',
    });
    assert.equal(logged.structured.hours, '2.0');
    const changed = await h.ok('bc_reports', 'update_time_entry', {
      entry_id: logged.structured.id,
      hours: '1:30',
    });
    assert.match(changed.text, /^Done/);
    assert.equal(changed.structured.hours, '1.5');
    const report = await h.ok('bc_reports', 'timesheet', { from: '2026-12-01', to: '2026-12-31' });
    assert.ok(report.structured.items!.some((e) => e.id === logged.structured.id));
    await h.ok('bc_reports', 'delete_time_entry', { entry_id: logged.structured.id, confirm: true });
    const after = await h.ok('bc_reports', 'item_timesheet', { recording_id: todoId });
    assert.ok(!after.structured.items!.some((e) => e.id === logged.structured.id));
  });
});
