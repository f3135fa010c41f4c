import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToMarkdown, markdownToHtml } from './rich-text.ts';
import { parseBasecampUrl } from './resolve-url.ts';
import { renderList, withinBudget } from './shapers.ts';

test('Basecamp HTML reads as Markdown: mentions as @Name, files as links', () => {
  const html =
    '<div>Hi <bc-attachment sgid="x" content-type="application/vnd.basecamp.mention"><figure><figcaption>Priya Raman</figcaption></figure></bc-attachment>, ' +
    'see <strong>this</strong>:</div><ul><li>one</li><li><del>two</del></li></ul>' +
    '<bc-attachment sgid="y" content-type="image/png" filename="plan.png" href="https://files.example/plan.png"><figure><img src="p"></figure></bc-attachment>';
  const markdown = htmlToMarkdown(html);
  assert.match(markdown, /Hi @Priya Raman, see \*\*this\*\*:/);
  assert.match(markdown, /^- +one$/m);
  assert.match(markdown, /~~two~~/);
  assert.match(markdown, /\[📎 plan\.png\]\(https:\/\/files\.example\/plan\.png\)/);
  assert.equal(htmlToMarkdown('plain text'), 'plain text');
});

test('Markdown becomes only the HTML Basecamp keeps', () => {
  const html = markdownToHtml(
    '## Plan\n\nSome **bold**, _em_, `code` and ~~old~~.\n\n1. first\n2. second\n\n> quoted\n\n<script>alert(1)</script>',
  );
  assert.match(html, /<h1>Plan<\/h1>/);
  assert.match(
    html,
    /<div>Some <strong>bold<\/strong>, <em>em<\/em>, `code` and <strike>old<\/strike>.<\/div>/,
  );
  assert.match(html, /<ol><li>first<\/li><li>second<\/li><\/ol>/);
  assert.match(html, /<blockquote>/);
  assert.doesNotMatch(html, /<(p|h2|code|del|script)\b/);
});

test('Basecamp links parse into account, project, kind and id', () => {
  assert.deepEqual(parseBasecampUrl('https://3.basecamp.com/123/buckets/456/todos/789'), {
    accountId: 123,
    projectId: 456,
    type: 'todos',
    recordId: 789,
  });
  assert.deepEqual(parseBasecampUrl('https://3.basecamp.com/123/buckets/456/messages/9#__recording_10'), {
    accountId: 123,
    projectId: 456,
    type: 'messages',
    recordId: 9,
    anchorId: 10,
  });
  assert.deepEqual(parseBasecampUrl('https://3.basecamp.com/123/buckets/456/card_tables/cards/77'), {
    accountId: 123,
    projectId: 456,
    type: 'card_tables/cards',
    recordId: 77,
  });
  assert.equal(parseBasecampUrl('https://evil.example/123/buckets/1/todos/2'), undefined);
  assert.equal(parseBasecampUrl('not a url'), undefined);
});

test('long answers are cut at the budget with a note, never silently', () => {
  const items = Array.from({ length: 400 }, (_, i) => ({
    id: i + 1,
    title: `Item ${i + 1} ${'x'.repeat(80)}`,
  }));
  const shown = renderList(items, { noun: 'item' }, { has_more: false });
  const cut = withinBudget(shown.text, 5_000);
  assert.equal(cut.cut, true);
  assert.ok(cut.text.length < 5_200);
  assert.match(cut.text, /\[Cut at 5000 characters of \d+\. Ask for fewer items/);
  assert.equal(withinBudget('short').cut, false);
});

test('raw HTML from an agent is shown as text, never passed on, whatever its spelling', () => {
  const attempts = [
    '<SCRIPT>alert(1)</SCRIPT>',
    'a <img\tsrc=x onerror=alert(1)> b',
    '<iframe\nsrc="https://evil.example">',
    '<strong onmouseover="alert(1)">hover</strong>',
    '<a href="javascript:alert(1)">x</a>',
    '<svg/onload=alert(1)>',
  ];
  for (const markdown of attempts) {
    const html = markdownToHtml(markdown);
    assert.doesNotMatch(
      html,
      /<(?!\/?(div|h1|br|strong|em|strike|a|pre|ol|ul|li|blockquote)>)[a-z!/]/i,
      html,
    );
    assert.doesNotMatch(html, /<[^>]*\son\w+=/i, html);
  }
  assert.equal(
    markdownToHtml('<SCRIPT>alert(1)</SCRIPT>'),
    '<div>&lt;SCRIPT&gt;alert(1)&lt;/SCRIPT&gt;</div>',
  );
});

test('links are web or mail links only', () => {
  const html = markdownToHtml(
    '[a](javascript:alert(1)) [b](data:text/html,x) [c](https://ok.example/?q=1&r=2) [d](mailto:a@b.example) <javascript:alert(1)> ![e](javascript:1)',
  );
  assert.doesNotMatch(html, /href="(?!https:\/\/|mailto:)/);
  assert.match(html, /<a href="https:\/\/ok\.example\/\?q=1&amp;r=2">c<\/a>/);
  assert.match(html, /<a href="mailto:a@b\.example">d<\/a>/);
  assert.match(html, /^<div>a /, 'an unsafe link keeps its text');
});

test('a hand-written bc-attachment cannot forge a mention; <@id> still mentions', () => {
  const html = markdownToHtml(
    'hi <bc-attachment sgid="forged" content-type="application/vnd.basecamp.mention"></bc-attachment> and <@5>',
    new Map([[5, 'sgid-5']]),
  );
  assert.doesNotMatch(html, /forged/);
  assert.equal((html.match(/<bc-attachment /g) ?? []).length, 1);
  assert.match(html, /<bc-attachment sgid="sgid-5"><\/bc-attachment>/);
});

test('a mention reads as <@id|Name> from its sgid (Rails signed GlobalID), once, with no doubled @', () => {
  const sgid = `${Buffer.from('\x04\x08{\x06I"\x08gid\x06:\x06ETI"\x1fgid://bc3/Person/4242?expires_in\x06;\x00T').toString('base64')}--f00d`;
  const seeded = `<div>Ask <bc-attachment sgid="${sgid}" content-type="application/vnd.basecamp.mention">@Grace</bc-attachment> first</div>`;
  assert.equal(htmlToMarkdown(seeded), 'Ask <@4242|Grace> first');
  const empty = `<div>Ask <bc-attachment sgid="${sgid}" content-type="application/vnd.basecamp.mention"></bc-attachment></div>`;
  assert.equal(htmlToMarkdown(empty), 'Ask <@4242>');
  const bare = `<div>Ask <bc-attachment sgid="${sgid}"></bc-attachment></div>`;
  assert.equal(htmlToMarkdown(bare), 'Ask <@4242>', 'a mention as written (sgid only) is still a mention');
  const opaque =
    '<div><bc-attachment sgid="opaque" content-type="application/vnd.basecamp.mention">Bo</bc-attachment></div>';
  assert.equal(htmlToMarkdown(opaque), '@Bo');
  // What reads back writes back: the labelled form is a mention again.
  const html = markdownToHtml('Ask <@4242|Grace> first', new Map([[4242, 'sg-4242']]));
  assert.match(html, /Ask <bc-attachment sgid="sg-4242"><\/bc-attachment> first/);
});

test('placeholder-looking text typed in Basecamp or by an agent never becomes a mention', () => {
  const typed = '<div>Hi BCMENTION42L416461X and BCMENTION7X and BCM00P9L41X</div>';
  const markdown = htmlToMarkdown(typed);
  assert.doesNotMatch(markdown, /<@/, markdown);
  assert.match(markdown, /BCMENTION42L416461X/, 'the text reads back as typed');
  const html = markdownToHtml('Hi BCMENTION5X', new Map([[5, 'sgid-5']]));
  assert.doesNotMatch(html, /bc-attachment/, html);
});

test('a mention inside a link address never lands inside the href', () => {
  const html = markdownToHtml(
    '[x](https://a.example/<@5>) and <@5> [y](https://b.example/BCMENTION5X)',
    new Map([[5, 'sgid-5']]),
  );
  for (const href of html.matchAll(/href="([^"]*)"/g))
    assert.doesNotMatch(href[1]!, /[<>]|bc-attachment/, href[1]);
  assert.equal((html.match(/<bc-attachment /g) ?? []).length, 1, html);
  assert.doesNotMatch(html.replace(/<[^>]*>/g, ''), /BCM[0-9a-f]{16}P/, 'no placeholder is left in the text');
});

test('a later page says where it is: 26–50 of 66', () => {
  const items = Array.from({ length: 25 }, (_, i) => ({ id: i + 26, title: `To-do ${i + 26}` }));
  const page = renderList(
    items,
    { noun: 'to-do' },
    { total: 66, has_more: true, next_cursor: 'c', offset: 25 },
  );
  assert.match(page.text, /^26–50 of 66 to-dos:/);
  assert.equal(
    renderList(items, { noun: 'to-do' }, { total: 66, has_more: true }).text.split('\n')[0],
    '25 of 66 to-dos:',
  );
});

test('a mention caption reads as the name, not its HTML escapes, and a name like <img onerror> stays inert', () => {
  const sgid = `${Buffer.from('\x04\x08{\x06I"\x08gid\x06:\x06ETI"\x1fgid://bc3/Person/4242?expires_in\x06;\x00T').toString('base64')}--f00d`;
  const mention = (caption: string) =>
    `<div>Ask <bc-attachment sgid="${sgid}" content-type="application/vnd.basecamp.mention"><figure><figcaption>${caption}</figcaption></figure></bc-attachment></div>`;
  assert.equal(
    htmlToMarkdown(mention('AT&amp;T &quot;Ops&quot; O&#39;Brien')),
    `Ask <@4242|AT&T "Ops" O'Brien>`,
  );
  const hostile = htmlToMarkdown(mention('&lt;img src=x onerror=alert(1)&gt; Bobby'));
  assert.equal(hostile, 'Ask <@4242|img src=x onerror=alert(1) Bobby>');
  // What reads back writes back as a mention only, never as the markup in the name.
  const html = markdownToHtml(hostile, new Map([[4242, 'sg-4242']]));
  assert.equal(html.includes('<img'), false, html);
  assert.match(html, /<bc-attachment sgid="sg-4242"><\/bc-attachment>/);
  // The label of a mention is bounded like one an agent writes (100 characters).
  const long = htmlToMarkdown(mention('&amp;'.repeat(500)));
  assert.ok(long.length <= 'Ask <@4242|>'.length + 100, long);
});
