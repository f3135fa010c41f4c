// plainTextOf: the one-line preview of rich text or of Basecamp's escaped excerpts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainTextOf } from './rich-text.ts';

const mention = (name: string) =>
  `<bc-attachment sgid="s" content-type="application/vnd.basecamp.mention"><figure><figcaption>${name}</figcaption></figure></bc-attachment>`;

test('blocks and line breaks part words; inline tags do not', () => {
  assert.equal(
    plainTextOf(
      '<div>Hi, the <strong>Pixel 8</strong> drift is fixed.</div><ul><li>item one</li><li>item two</li></ul>',
    ),
    'Hi, the Pixel 8 drift is fixed. item one item two',
  );
  assert.equal(
    plainTextOf('<div>Stack:</div><pre>NullPointerException\n  at Main</pre>'),
    'Stack: NullPointerException at Main',
  );
  assert.equal(
    plainTextOf('<h1>Title</h1><blockquote>quoted</blockquote>a<br>b<p>c</p>'),
    'Title quoted a b c',
  );
  assert.equal(plainTextOf('un<em>bel</em>ievable'), 'unbelievable');
});

test('a mention reads as @Name, with the punctuation after it kept close', () => {
  assert.equal(plainTextOf(`<div>Hi ${mention('Priya Raman')}, see this</div>`), 'Hi @Priya Raman, see this');
  assert.equal(plainTextOf(`${mention('@Grace')} and ${mention('Bo')}`), '@Grace and @Bo');
  assert.equal(
    plainTextOf(
      '<bc-attachment sgid="f" content-type="image/png"><figure><img src="x"><figcaption>plan.png</figcaption></figure></bc-attachment>done',
    ),
    'plan.png done',
  );
});

test('one line, entities decoded, highlight tags dropped, and linear on hostile input', () => {
  assert.equal(plainTextOf('a &amp; <mark>b</mark>\n\n\tc &#x1F600;'), 'a & b c 😀');
  const hostile = '<bc-attachment '.repeat(20_000) + '<div'.repeat(20_000);
  const text = plainTextOf(hostile);
  assert.doesNotMatch(text, /\n/);
});
