// What Basecamp does to rich text it is given: a client sends a mention as a bare
// `<bc-attachment sgid="…"></bc-attachment>` (the person's attachable_sgid), and Basecamp stores and
// returns it rendered: typed as a mention, with the person's name as the figure's caption.
import type { Person } from './store.ts';
import { sgidFor } from './view.ts';

const OPEN = '<bc-attachment';
const CLOSE = '</bc-attachment>';
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

/**
 * Rich text as Basecamp keeps it: every attachment naming one of the account's people becomes that
 * person's mention. One forward scan (each search starts where the last ended), so an attachment that is
 * never closed, repeated thousands of times, costs linear time rather than a rescan per opening.
 */
export function renderMentions(html: string, people: ReadonlyMap<number, Person>): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let done = 0;
  for (let at = lower.indexOf(OPEN); at !== -1; at = lower.indexOf(OPEN, at + 1)) {
    if (/[\w]/.test(lower[at + OPEN.length] ?? '')) continue; // <bc-attachments…: another tag
    const gt = lower.indexOf('>', at);
    const end = gt === -1 ? -1 : lower.indexOf(CLOSE, gt);
    if (end === -1) break; // nothing after this closes an attachment, so no later one can be
    const sgid = /\bsgid="([^"]*)"/i.exec(html.slice(at, gt))?.[1];
    const person = sgid ? personOfSgid(sgid, people) : undefined;
    if (person) parts.push(html.slice(done, at), renderedMention(person));
    else parts.push(html.slice(done, end + CLOSE.length));
    done = end + CLOSE.length;
    at = done - 1;
  }
  return parts.join('') + html.slice(done);
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
