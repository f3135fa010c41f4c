import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainExcerpt } from './plain-text.ts';
import { renderedMention } from './rich-content.ts';
import type { Person } from './store.ts';

test('an excerpt parts blocks, names mentions and stays on one bounded line', () => {
  const priya = { id: 7, name: 'Priya Raman' } as Person;
  const html = `<div>Hi ${renderedMention(priya)}, the <strong>Pixel 8</strong> drift is fixed.</div><div><br></div><ul><li>item one</li><li>item two</li></ul>`;
  assert.equal(plainExcerpt(html), 'Hi @Priya Raman, the Pixel 8 drift is fixed. item one item two');
  assert.equal(
    plainExcerpt('<div>Stack:</div><pre>NullPointerException</pre>'),
    'Stack: NullPointerException',
  );
  assert.equal(plainExcerpt('<div>a &amp; b&#x21;</div>'), 'a & b!');
  const long = plainExcerpt(`<div>${'word '.repeat(100)}😀😀</div>`, 20);
  assert.equal(Array.from(long).length, 20);
  assert.match(long, /…$/);
});
