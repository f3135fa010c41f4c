// Rich text read as a person would say it, as Basecamp puts it in titles, search results and excerpts
// (timeline summaries, notification and draft previews): on one line, blocks and line breaks part words,
// a mention is "@Name", other attachments are a gap, entities are decoded.
//
// Hostile input reaches this from every write ('<'.repeat(40000), an attachment never closed), so it is
// not a chain of tag regexes (each `<[^>]*>` start scans to the end: quadratic). It reads the text once
// into tokens, with a tag being `<` … `>` holding no other `<`, then walks the tokens once.
const BLOCKS = new Set(
  'div p br li ul ol h1 h2 h3 h4 h5 h6 pre blockquote figure figcaption tr td th table hr'.split(' '),
);
const ATTACHMENT = 'bc-attachment';
const MENTION_TYPE = 'content-type="application/vnd.basecamp.mention"';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const LT = 60;
const GT = 62;

type Token = { text: string } | { name: string; closing: boolean; inner: string };

/** One pass: a `<` starts a tag, a later `<` before any `>` makes the earlier one plain text. */
function tokens(html: string): Token[] {
  const out: Token[] = [];
  let textStart = 0;
  let tagStart = -1;
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === LT) tagStart = i;
    else if (c === GT && tagStart >= 0) {
      if (tagStart > textStart) out.push({ text: html.slice(textStart, tagStart) });
      const inner = html.slice(tagStart + 1, i);
      const closing = inner.startsWith('/');
      const name = /^[a-z][a-z0-9-]*/i.exec(closing ? inner.slice(1) : inner)?.[0].toLowerCase() ?? '';
      out.push({ name, closing, inner });
      textStart = i + 1;
      tagStart = -1;
    }
  }
  if (textStart < html.length) out.push({ text: html.slice(textStart) });
  return out;
}

const isAttachmentEnd = (t: Token) => 'name' in t && t.closing && t.name === ATTACHMENT;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,32});/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** The whole of `html` as plain text on one line. Linear in its length, whatever it holds. */
export function plainText(html: string): string {
  const list = tokens(html);
  // An attachment with no end after it is only a tag: its content stays, as a reader would see it.
  const lastEnd = list.findLastIndex(isAttachmentEnd);
  const parts: string[] = [];
  let inside: { mention: boolean; text: string[] } | null = null;
  list.forEach((token, i) => {
    if (inside) {
      if (isAttachmentEnd(token)) {
        parts.push(inside.mention ? `@${inside.text.join('').trim()}` : ' ');
        inside = null;
      } else if ('text' in token) inside.text.push(token.text);
      return;
    }
    if ('text' in token) parts.push(token.text);
    else if (token.name === ATTACHMENT && !token.closing && i < lastEnd)
      inside = { mention: token.inner.toLowerCase().includes(MENTION_TYPE), text: [] };
    else if (BLOCKS.has(token.name)) parts.push(' ');
  });
  return decodeEntities(parts.join('')).replace(/\s+/g, ' ').trim();
}

/** An excerpt: the plain text cut to `max` characters, by code point (a cut never splits an emoji). */
export function plainExcerpt(html: string, max = 140): string {
  const chars = Array.from(plainText(html));
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : chars.join('');
}
