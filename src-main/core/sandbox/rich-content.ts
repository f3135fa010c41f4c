// What Basecamp does to rich text it is given: a client sends a mention as a bare
// `<bc-attachment sgid="…"></bc-attachment>` (the person's attachable_sgid), and Basecamp stores and
// returns it rendered: typed as a mention, with the person's name as the figure's caption.
import type { Person } from './store.ts';
import { sgidFor } from './view.ts';

const ATTACHMENT = /<bc-attachment\b([^>]*)>([\s\S]*?)<\/bc-attachment>/gi;
const MENTION_TYPE = 'application/vnd.basecamp.mention';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The person an attachment's sgid stands for, when it is one this account signed for one of its people. */
function personOfSgid(sgid: string, people: ReadonlyMap<number, Person>): Person | undefined {
  const payload = Buffer.from(sgid.split('--')[0] ?? '', 'base64').toString('latin1');
  const id = /^gid:\/\/bc3\/Person\/(\d{1,16})$/.exec(payload)?.[1];
  const person = id === undefined ? undefined : people.get(Number(id));
  return person && sgidFor('Person', person.id) === sgid ? person : undefined;
}

/** The mention as Basecamp returns it. */
export function renderedMention(person: Person): string {
  return `<bc-attachment sgid="${sgidFor('Person', person.id)}" content-type="${MENTION_TYPE}"><figure><figcaption>${escapeHtml(person.name)}</figcaption></figure></bc-attachment>`;
}

/** Rich text as Basecamp keeps it: every attachment naming one of the account's people becomes that person's mention. */
export function renderMentions(html: string, people: ReadonlyMap<number, Person>): string {
  if (!html.includes('<bc-attachment')) return html;
  return html.replace(ATTACHMENT, (whole, attributes: string) => {
    const sgid = /\bsgid="([^"]*)"/i.exec(attributes)?.[1];
    const person = sgid ? personOfSgid(sgid, people) : undefined;
    return person ? renderedMention(person) : whole;
  });
}

/** The rich-text fields of a recording's bag, with their mentions rendered; other fields as they are. */
export function renderRichFields(
  fields: Record<string, unknown>,
  people: ReadonlyMap<number, Person>,
): Record<string, unknown> {
  const out = { ...fields };
  for (const key of ['content', 'description']) {
    const value = out[key];
    if (typeof value === 'string') out[key] = renderMentions(value, people);
  }
  return out;
}
