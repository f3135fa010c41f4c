import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMentions } from './rich-content.ts';
import type { Person } from './store.ts';
import { sgidFor } from './view.ts';

const ada = { id: 41, name: 'Ada <Lindqvist>' } as Person;
const people = new Map([[ada.id, ada]]);

test('a bare mention is stored typed, with the name as its caption (escaped)', () => {
  const html = renderMentions(
    `<div>Hi <bc-attachment sgid="${sgidFor('Person', 41)}"></bc-attachment>!</div>`,
    people,
  );
  assert.equal(
    html,
    `<div>Hi <bc-attachment sgid="${sgidFor('Person', 41)}" content-type="application/vnd.basecamp.mention"><figure><figcaption>Ada &lt;Lindqvist&gt;</figcaption></figure></bc-attachment>!</div>`,
  );
  assert.equal(renderMentions(html, people), html, 'rendering again changes nothing');
});

test('an sgid that is not one of the account people is left alone', () => {
  const forged = `${Buffer.from('gid://bc3/Person/41').toString('base64')}--forged`;
  for (const sgid of [forged, sgidFor('Person', 99), sgidFor('Attachment', 41), 'opaque']) {
    const html = `<bc-attachment sgid="${sgid}"></bc-attachment>`;
    assert.equal(renderMentions(html, people), html, sgid);
  }
});
