// Schedules, Lineup markers and check-ins through a real MCP client against the sandbox.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_schedules and bc_checkins on the sandbox', () => {
  let h: McpHarness;
  let dock: { name: string; id: number }[];

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    const hq = projects.structured.items!.find((p) => String(p.title).startsWith('Juniper'))!;
    dock = (await h.ok('bc_projects', 'get', { project_id: hq.id })).structured.dock as typeof dock;
  });
  after(() => h.close());
  const tool = (name: string) => dock.find((t) => t.name === name)!.id;

  test('create an event, change only its summary (the times stay), see it on the schedule', async () => {
    const created = await h.ok('bc_schedules', 'create_entry', {
      schedule_id: tool('schedule'),
      summary: 'Quarterly planning',
      starts_at: '2026-12-10T15:00:00Z',
      ends_at: '2026-12-10T17:00:00Z',
      description: 'Bring **numbers**',
    });
    const updated = await h.ok('bc_schedules', 'update_entry', {
      entry_id: created.structured.id,
      summary: 'Q1 planning',
    });
    assert.equal(updated.structured.summary, 'Q1 planning');
    assert.equal(Date.parse(String(updated.structured.starts_at)), Date.parse('2026-12-10T15:00:00Z'));
    const entries = await h.ok('bc_schedules', 'entries', { schedule_id: tool('schedule'), limit: 200 });
    assert.ok(entries.structured.items!.some((e) => e.id === created.structured.id));
    const day = await h.ok('bc_schedules', 'occurrence', {
      entry_id: created.structured.id,
      date: '20261210',
    });
    assert.equal(day.structured.id, created.structured.id);
  });

  test('schedule settings are read back; an ignored change is reported', async () => {
    const off = await h.ok('bc_schedules', 'settings', {
      schedule_id: tool('schedule'),
      include_due_assignments: false,
    });
    assert.equal(off.structured.include_due_assignments, false);
    const store = h.env.sandbox.store;
    const update = store.update.bind(store);
    store.update = ((id, change) =>
      id === tool('schedule') ? store.get(id)! : update(id, change)) as typeof store.update;
    try {
      const ignored = await h.call('bc_schedules', {
        action: 'settings',
        params: { schedule_id: tool('schedule'), include_due_assignments: true },
      });
      assert.equal(ignored.isError, true);
      assert.match(ignored.text, /did not change/);
    } finally {
      store.update = update;
    }
  });

  test('Lineup markers: add (Basecamp answers with no body), list, delete only with confirm', async () => {
    const added = await h.ok('bc_schedules', 'create_marker', { name: 'Code freeze', date: '2026-12-18' });
    assert.match(added.text, /^Done/);
    const markers = await h.ok('bc_schedules', 'markers');
    const marker = markers.structured.items!.find((m) => m.title === 'Code freeze');
    assert.ok(marker);
    const refused = await h.call('bc_schedules', {
      action: 'delete_marker',
      params: { marker_id: marker.id },
    });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /confirm/);
    assert.ok((await h.ok('bc_schedules', 'markers')).structured.items!.some((m) => m.id === marker.id));
    await h.ok('bc_schedules', 'delete_marker', { marker_id: marker.id, confirm: true });
    assert.ok(!(await h.ok('bc_schedules', 'markers')).structured.items!.some((m) => m.id === marker.id));
  });

  test('check-ins: questions, answering one, pausing and resuming with read-back', async () => {
    const questions = await h.ok('bc_checkins', 'questions', { questionnaire_id: tool('questionnaire') });
    const daily = questions.structured.items!.find((q) =>
      String(q.title).startsWith('What did you work on'),
    )!;
    const before = await h.ok('bc_checkins', 'answers', { question_id: daily.id });
    const answer = await h.ok('bc_checkins', 'create_answer', {
      question_id: daily.id,
      content: 'Shipped the **hill chart** view',
    });
    const after = await h.ok('bc_checkins', 'answers', { question_id: daily.id });
    assert.equal(after.structured.total, (before.structured.total as number) + 1);
    assert.equal(after.structured.items![0]!.id, answer.structured.id, 'newest first');
    const read = await h.ok('bc_checkins', 'answer', { answer_id: answer.structured.id });
    assert.match(read.text, /\*\*hill chart\*\*/);
    const paused = await h.ok('bc_checkins', 'pause', { question_id: daily.id });
    assert.equal(paused.structured.paused, true);
    const reminders = await h.ok('bc_checkins', 'reminders');
    assert.ok(
      !reminders.structured.items!.some((r) => (r.question as { id: number } | undefined)?.id === daily.id),
    );
    const resumed = await h.ok('bc_checkins', 'resume', { question_id: daily.id });
    assert.equal(resumed.structured.paused, false);
    const answerers = await h.ok('bc_checkins', 'answerers', { question_id: daily.id });
    assert.ok(answerers.structured.items!.length >= 3);
  });
});
