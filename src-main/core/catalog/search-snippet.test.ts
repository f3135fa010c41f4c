// Search results through a real MCP client on the sandbox: each hit shows a short plain-text snippet of
// where it matched (Basecamp's highlighted excerpt without its tags), unless that only repeats the title.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';
import { plainTextOf } from './rich-text.ts';

describe('search snippets', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('a message found by a word in its body shows that part of the body, as plain text', async () => {
    // A message whose body has a word its subject does not: the snippet is the only place the agent sees it.
    const found = h.env.sandbox.store
      .where((r) => r.type === 'Message' && r.status === 'active' && !r.fields.draft)
      .map((message) => {
        const body = plainTextOf(String(message.fields.content ?? ''));
        const word = body
          .split(/\W+/)
          .find((w) => w.length > 6 && !message.title.toLowerCase().includes(w.toLowerCase()));
        return { message, word };
      })
      .find((candidate) => candidate.word !== undefined);
    assert.ok(found, 'the seed has a message with body text');
    const word = found.word!;
    const answer = await h.call('bc_search', { query: word, type: 'Message' });
    const hit = answer.structured.items!.find((item) => item.id === found.message.id);
    assert.ok(hit, answer.text);
    const snippet = String(hit.snippet);
    assert.match(snippet, new RegExp(word, 'i'));
    assert.doesNotMatch(snippet, /[<>]|&\w+;/, 'no tags or entities');
    assert.ok(snippet.length <= 200, `${snippet.length} characters`);
    const line = answer.text.split('\n').findIndex((l) => l.includes(`id ${found.message.id}`));
    assert.equal(answer.text.split('\n')[line + 1]!.trim(), snippet, 'the line under the hit is its snippet');
  });

  test('a hit whose excerpt is only its title gets no snippet', async () => {
    const todo = h.env.sandbox.store.where(
      (r) => r.type === 'Todo' && r.status === 'active' && !r.fields.description,
    )[0]!;
    const answer = await h.call('bc_search', { query: todo.title, type: 'Todo' });
    const hit = answer.structured.items!.find((item) => item.id === todo.id);
    assert.ok(hit, answer.text);
    assert.equal(hit.snippet, undefined);
  });

  test('plainTextOf drops highlights and decodes what Basecamp escaped', () => {
    assert.equal(
      plainTextOf(
        'Ship &amp; <mark class="circled-text"><span></span>launch</mark> &lt;v2&gt;<br>on &#8220;Friday&#x201D;',
      ),
      'Ship & launch <v2> on “Friday”',
    );
  });
});

test('plainTextOf stays plain and fast on hostile text: no control characters, no bidi overrides, linear time', () => {
  assert.equal(
    plainTextOf('a&#27;[31mred&#x85;b\u0007c &#xD800;\ud800 &#x202e;evil\u2066 &lt;img src=x&gt; &amp;lt;'),
    'a [31mred b c &#xD800; evil <img src=x> &lt;',
  );
  // Each `<` without a `>` made the old pattern scan to the end: 200,000 of them took minutes.
  const hostile = '<'.repeat(200_000) + '<mark>word</mark>';
  assert.equal(plainTextOf(hostile), '<'.repeat(200_000) + 'word');
});
