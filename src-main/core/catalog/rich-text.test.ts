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
    /<div>Some <strong>bold<\/strong>, <em>em<\/em>, code and <strike>old<\/strike>.<\/div>/,
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
