// "What happened since yesterday" through a real MCP client on the sandbox: the timeline's `since` keeps the
// newer events only, stops paging at the first older one, and a cursor keeps the filter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

type Event = Record<string, unknown> & { created_at: string };

describe('project_activity since', () => {
  let h: McpHarness;
  let projectId: number;
  let everything: Event[];

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    projectId = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!.id as number;
    const all = await h.ok('bc_reports', 'project_activity', { project_id: projectId, limit: 200 });
    everything = all.structured.items as Event[];
    assert.ok(everything.length > 20, 'the seed has a long timeline');
  });
  after(() => h.close());

  test('keeps what happened at or after the time, and reads no page past it', async () => {
    // A time with a few events after it, well inside Basecamp's first page of 15.
    const since = everything[4]!.created_at;
    const expected = everything.filter((event) => Date.parse(event.created_at) >= Date.parse(since));
    assert.ok(expected.length < 15 && expected.length < everything.length);
    const before = h.env.requests();
    const recent = await h.ok('bc_reports', 'project_activity', { project_id: projectId, since });
    assert.equal(h.env.requests() - before, 1, 'one page read, not the next');
    assert.deepEqual(
      recent.structured.items!.map((event) => event.id),
      expected.map((event) => event.id),
    );
    assert.equal(recent.structured.has_more, false);
    assert.equal(recent.structured.next_cursor, undefined);
    assert.equal(recent.structured.total, undefined, "the whole timeline's count is not this list's");
    assert.match(recent.text, new RegExp(`That is everything since ${since.replace(/[.+]/g, '\\$&')}\\.$`));
  });

  test('a day means from its midnight UTC, and a cursor keeps the filter', async () => {
    const day = everything[20]!.created_at.slice(0, 10);
    const expected = everything.filter(
      (event) => Date.parse(event.created_at) >= Date.parse(`${day}T00:00:00Z`),
    );
    const first = await h.ok('bc_reports', 'project_activity', {
      project_id: projectId,
      since: day,
      limit: 5,
    });
    const ids = first.structured.items!.map((event) => event.id);
    let cursor = first.structured.next_cursor;
    while (cursor) {
      const next = await h.ok('bc_reports', 'project_activity', { cursor, limit: 5 });
      ids.push(...next.structured.items!.map((event) => event.id));
      cursor = next.structured.next_cursor;
    }
    assert.deepEqual(
      ids,
      expected.map((event) => event.id),
    );
  });

  test('a since that is not a time is refused before Basecamp is asked', async () => {
    const before = h.env.requests();
    const answer = await h.call('bc_reports', {
      action: 'project_activity',
      params: { project_id: projectId, since: 'yesterday' },
    });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /since: must be a time like 2026-12-02T09:00:00Z or a day like 2026-12-02/);
    assert.equal(h.env.requests(), before);
  });
});

describe('project_activity since: bad times', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('a day that does not exist or an endless time is refused before anything is read', async () => {
    const projects = await h.ok('bc_projects', 'list');
    const projectId = projects.structured.items![0]!.id as number;
    const before = h.env.requests();
    for (const since of ['2026-02-30', '2026-04-31T09:00:00Z', `2026-12-02T09:00:00.${'0'.repeat(5000)}Z`]) {
      const answer = await h.call('bc_reports', {
        action: 'project_activity',
        params: { project_id: projectId, since },
      });
      assert.equal(answer.isError, true, since.slice(0, 30));
      assert.match(answer.text, /since.*must be a time like 2026-12-02T09:00:00Z or a day like 2026-12-02/);
      assert.ok(answer.text.length < 1000, 'the bad value is not echoed back whole');
    }
    assert.equal(h.env.requests(), before, 'nothing was sent to Basecamp');
    const leap = await h.call('bc_reports', {
      action: 'project_activity',
      params: { project_id: projectId, since: '2028-02-29' },
    });
    assert.equal(leap.isError, false, leap.text);
  });
});
