// Rich text from a client is untrusted: tag stripping and mention rendering must stay linear on input built
// to make a regex rescan (a quadratic pattern takes minutes on these 200,000-character strings; these
// tests would hang, and they check the text that comes out, never the time).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { plainExcerpt, plainText } from './plain-text.ts';
import { renderedMention, renderMentions } from './rich-content.ts';
import { sandboxForTests } from './sandbox-test-support.ts';
import type { Person } from './store.ts';

const N = 200_000;
/** Equality without printing 200,000 characters when it fails. */
const same = (actual: string, expected: string, what: string) =>
  assert.ok(
    actual === expected,
    `${what}: got ${actual.length} chars starting ${JSON.stringify(actual.slice(0, 60))}`,
  );

test('plain text of hostile markup: unclosed tags are text, unclosed attachments are only tags', () => {
  same(plainText('<'.repeat(N)), '<'.repeat(N), 'lone <');
  same(plainText(`${'<div '.repeat(N / 5)}x`), `${'<div '.repeat(N / 5 - 1)}<div x`, 'open <div');
  assert.equal(plainText('<b>'.repeat(N / 3) + 'bold'), 'bold');
  assert.equal(plainText(`${'<bc-attachment>'.repeat(N / 15)}kept`), 'kept');
  same(plainText('&amp'.repeat(N / 4)), '&amp'.repeat(N / 4), 'an entity needs its ";"');
  const opened = `<bc-attachment content-type="application/vnd.basecamp.mention"><figcaption>Ines</figcaption>`;
  const names = Array<string>(Math.floor(N / opened.length)).fill('Ines');
  same(plainText(opened.repeat(N / opened.length)), names.join(' '), 'figcaption is a block');
  assert.equal(plainExcerpt('<'.repeat(N), 10), `${'<'.repeat(9)}…`);
});

test('plain text keeps what the old strippers kept on ordinary rich text', () => {
  assert.equal(plainText('<div>Ship <em>Friday</em></div><div>then rest</div>'), 'Ship Friday then rest');
  assert.equal(plainText('a<br>b<br/>c'), 'a b c');
  assert.equal(plainText('1 < 2'), '1 < 2');
  assert.equal(plainText('3 > 2'), '3 > 2');
  assert.equal(plainText('<p>x &lt;y&gt; &#65;&#x42;</p>'), 'x <y> AB');
  assert.equal(
    plainText('before<bc-attachment sgid="s" content-type="image/png"><img src="a"></bc-attachment>after'),
    'before after',
  );
});

test('mentions render on hostile rich text without a rescan per opening', () => {
  const noor = { id: 41, name: 'Noor Haddad' } as Person;
  const people = new Map([[noor.id, noor]]);
  const hostile = '<bc-attachment sgid="x"'.repeat(N / 23);
  same(renderMentions(hostile, people), hostile, 'openings without >');
  const unclosed = '<bc-attachment sgid="x">'.repeat(N / 24);
  same(renderMentions(unclosed, people), unclosed, 'openings never closed');
  const sgid = /sgid="([^"]*)"/.exec(renderedMention(noor))![1];
  const bare = `<bc-attachment sgid="${sgid}"></bc-attachment>`;
  assert.equal(
    renderMentions(`hi ${bare} and <bc-attachments x> ${bare}<bc-attachment sgid="x">`, people),
    `hi ${renderedMention(noor)} and <bc-attachments x> ${renderedMention(noor)}<bc-attachment sgid="x">`,
  );
});

test('no sandbox module strips tags with its own regex (they all use plain-text.ts)', () => {
  const dir = new URL('./', import.meta.url);
  const files = ['', 'routes/'].flatMap((sub) =>
    readdirSync(new URL(sub, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${sub}${f}`),
  );
  assert.ok(files.includes('routes/search.ts'));
  const copies = files.filter((f) => readFileSync(new URL(f, dir), 'utf8').includes('.replace(/<[^'));
  assert.deepEqual(copies, []);
});

describe('routes that turn rich text into titles and excerpts', () => {
  const api = sandboxForTests({ today: '2026-03-10' });
  const call = async (method: string, path: string, json?: unknown) => {
    const answer = await api.call(method, path, json);
    return { status: answer.status, json: answer.json as Record<string, unknown> | null };
  };

  test('a hostile Campfire line gets its plain title, and search finds it', async () => {
    const projects = (await call('GET', '/projects.json')).json as unknown as {
      id: number;
      dock: { name: string; id: number }[];
    }[];
    const chat = projects[0]!.dock.find((d) => d.name === 'chat')!;
    const content = `${'<'.repeat(N)}<b>zebracorn</b>`;
    const posted = await call('POST', `/chats/${chat.id}/lines.json`, { content, content_type: 'text/html' });
    assert.equal(posted.status, 201);
    same(String(posted.json!.title), '<'.repeat(80), 'line title');
    const edited = await call('PUT', `/chats/${chat.id}/lines/${String(posted.json!.id)}.json`, {
      content: `${'<div '.repeat(N / 5)}<i>zebracorn</i>`,
    });
    assert.equal(edited.status, 204);
    const title = api.sandbox.store.get(Number(posted.json!.id))!.title;
    same(title, `${'<div '.repeat(N / 5 - 1)}<div zebracorn`, 'edited title');
    const found = await call('GET', '/search.json?q=zebracorn');
    assert.equal(found.status, 200);
    const hits = found.json as unknown as { id: number; plain_text_content?: string }[];
    assert.ok(hits.some((h) => h.id === posted.json!.id));
  });
});
