// Basecamp rich text ⇄ Markdown. Agents read and write Markdown; Basecamp stores a small HTML subset
// (div, h1, br, strong, em, strike, a, pre, ol, ul, li, blockquote, bc-attachment).
import { randomBytes } from 'node:crypto';
import { Marked } from 'marked';
import TurndownService from 'turndown';

const turndown = new TurndownService({
  headingStyle: 'atx',
  codeBlockStyle: 'fenced',
  bulletListMarker: '-',
  emDelimiter: '_',
});

// Mentions become @Name and files become links before turndown sees them: an attachment wraps a block
// <figure>, and turndown would eat the spaces around it.
const ATTACHMENT = /<bc-attachment\b([^>]*)>([\s\S]*?)<\/bc-attachment>/gi;

function attribute(attributes: string, name: string): string | undefined {
  const match = attributes.match(new RegExp(`\\b${name}="([^"]*)"`, 'i'));
  return match?.[1];
}

/**
 * The person id inside a mention's sgid. Basecamp's sgid is a signed GlobalID: base64 of a payload that
 * names `gid://bc3/Person/<id>`, then `--` and a signature. Undefined when it does not decode that way.
 */
export function personIdOfSgid(sgid: string | undefined): number | undefined {
  const payload = sgid?.split('--')[0];
  if (!payload) return undefined;
  const decoded = Buffer.from(payload, 'base64').toString('latin1');
  const match = /gid:\/\/[\w-]+\/Person\/(\d{1,16})/.exec(decoded);
  return match ? Number(match[1]) : undefined;
}

/** A mention in the form an agent writes back: `<@id|Name>` (`<@id>` alone works too). */
/** Longest mention label an agent can write back (MENTION below): a longer one would not read as a mention. */
const MAX_MENTION_LABEL = 100;

function mentionMarkdown(attributes: string, caption: string, nonce: string): string {
  const person = personIdOfSgid(attribute(attributes, 'sgid'));
  // Not one of ours: the caption stays HTML, for turndown to read as the rest of the text.
  if (person === undefined) return `@${caption.replace(/^@+/, '').trim() || 'someone'}`;
  // The label goes in after turndown, so it is the name itself (Basecamp escapes it in the caption), cut to
  // what an agent can write back.
  const name = Array.from(caption.replace(ENTITY, decodeEntity).replace(/^@+/, '').trim())
    .slice(0, MAX_MENTION_LABEL)
    .join('')
    .trim();
  return `BCM${nonce}P${person}L${Buffer.from(name).toString('hex')}X`;
}

/**
 * A fresh word for each conversion, so placeholder-looking text someone typed in Basecamp (or an agent
 * wrote) can never be taken for one of ours. Letters and digits only: marked and turndown leave it alone.
 */
const freshNonce = () => randomBytes(8).toString('hex');

function inlineAttachments(html: string, nonce: string): string {
  return html.replace(ATTACHMENT, (_match, attributes: string, inner: string) => {
    const caption = inner
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    // Basecamp types a mention it stores; a bare one (sgid only, as written) is known by its Person sgid.
    const type = attribute(attributes, 'content-type');
    const bare = type === undefined && personIdOfSgid(attribute(attributes, 'sgid')) !== undefined;
    if (type === 'application/vnd.basecamp.mention' || bare)
      return mentionMarkdown(attributes, caption, nonce);
    const name = attribute(attributes, 'filename') ?? (caption || 'attachment');
    const href = attribute(attributes, 'href') ?? attribute(attributes, 'url');
    return href ? `<a href="${href}">📎 ${name}</a>` : `📎 ${name}`;
  });
}

turndown.addRule('strike', { filter: ['del', 's', 'strike'], replacement: (content) => `~~${content}~~` });

/** The little of a DOM node the list rule reads (core code has no DOM typings). */
interface ListNode {
  nodeName: string;
  parentNode: ListNode | null;
  nextSibling: unknown;
  children: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
}

// `- item` and `1. item`, as people write lists: turndown pads the marker to four columns (`-   item`).
// Lines after the first are indented to the item's text, so nested lists stay nested.
turndown.addRule('listItem', {
  filter: 'li',
  replacement: (content, node) => {
    const item = node as unknown as ListNode;
    const list = item.parentNode;
    let marker = '-';
    if (list?.nodeName === 'OL') {
      const start = Number(list.getAttribute('start') ?? '1');
      marker = `${(Number.isInteger(start) ? start : 1) + Array.prototype.indexOf.call(list.children, item)}.`;
    }
    const paragraph = content.endsWith('\n');
    const body = content.replace(/^\n+|\n+$/g, '') + (paragraph ? '\n' : '');
    const indent = ' '.repeat(marker.length + 1);
    return `${marker} ${body.replace(/\n/g, `\n${indent}`)}${item.nextSibling ? '\n' : ''}`;
  },
});

export function htmlToMarkdown(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const nonce = freshNonce();
  return (
    turndown
      .turndown(inlineAttachments(html, nonce))
      // Mentions go in after turndown, which would escape their angle brackets; the label may hold any text.
      .replace(new RegExp(`BCM${nonce}P(\\d+)L([0-9a-f]*)X`, 'g'), (_m, person: string, label: string) =>
        label
          ? `<@${person}|${Buffer.from(label, 'hex')
              .toString()
              .replace(/[<>|\n]/g, '')}>`
          : `<@${person}>`,
      )
      // Basecamp has no inline code: backticks an agent wrote are kept as text, so they read back as written.
      .replace(/\\`/g, '`')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi;

/** One HTML entity as its character; one that names nothing stays as written. */
function decodeEntity(entity: string, name: string): string {
  const code = name.startsWith('#x')
    ? parseInt(name.slice(2), 16)
    : name.startsWith('#')
      ? Number(name.slice(1))
      : undefined;
  if (code === undefined) return ENTITIES[name.toLowerCase()] ?? entity;
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  return code > 0 && code <= 0x10ffff && !surrogate ? String.fromCodePoint(code) : entity;
}

/** Tags that end a line or a block: where they stood, words are parted. (A figure is inside an attachment: its caption is the name.) */
const BLOCK_TAG = /<\/?(?:div|p|br|li|ul|ol|h[1-6]|pre|blockquote|hr|tr|td|th|table)\b[^<>]*>/gi;

/**
 * Text for a one-line preview (search excerpts, timeline summaries, notification and draft previews), from
 * plain text Basecamp escaped and highlighted (`<mark>`/`<em>` around matches) or from rich text: tags
 * dropped, blocks and line breaks parted by a space, a mention as `@Name`, entities decoded, one line.
 */
export function plainTextOf(html: string): string {
  // A mention's opening tag leaves a mark its caption (the name) follows; tag by tag, so the time stays linear.
  // Its closing tag parts it from a word right after it (a file's name from the text), not from punctuation.
  const nonce = freshNonce();
  const mark = `BCM${nonce}AT`;
  const end = `BCM${nonce}END`;
  return (
    html
      .replace(/<bc-attachment\b([^<>]*)>/gi, (_m, attributes: string) =>
        attribute(attributes, 'content-type') === 'application/vnd.basecamp.mention' ? ` ${mark}` : ' ',
      )
      .replace(/<\/bc-attachment\s*>/gi, end)
      .replace(BLOCK_TAG, ' ')
      .replace(/<[^<>]*>/g, '') // not [^>]*: a run of `<` without `>` would take quadratic time
      .replace(ENTITY, decodeEntity)
      // Control characters (terminal escapes, NEL) and bidi overrides: plain text must look like what it says.
      .replace(/[\p{Cc}\p{Cs}]/gu, ' ')
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(new RegExp(`${end}(?=[\\p{L}\\p{N}])`, 'gu'), ' ')
      .replace(new RegExp(end, 'g'), '')
      .replace(/\s+/g, ' ')
      .replace(new RegExp(`${mark} ?@*`, 'g'), '@')
      .trim()
  );
}

/** Tags Basecamp keeps that Markdown produces; attachments (mentions) are added by the executor only. */
const ALLOWED = new Set([
  'div',
  'h1',
  'br',
  'strong',
  'em',
  'strike',
  'a',
  'pre',
  'ol',
  'ul',
  'li',
  'blockquote',
]);

/** Links an agent may write: web and mail only (no javascript:, data:, file:…). */
export function safeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Raw HTML in agent Markdown is shown as text, never passed on: Basecamp renders what it gets, and a
// hand-written <bc-attachment> would forge a mention or embed. Mentions come only from `<@id>` lookups.
const agentMarkdown = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  renderer: {
    html({ text, block }) {
      const shown = escapeHtml(text.replace(/<\/?bc-attachment\b[^>]*>/gi, '').trim());
      return block ? (shown ? `<div>${shown}</div>` : '') : shown;
    },
    // Basecamp keeps no inline code: the backticks stay as text so the reader still sees code.
    codespan({ text }) {
      return `\`${escapeHtml(text)}\``;
    },
    link({ href, tokens }) {
      return safeHref(href) ? false : this.parser.parseInline(tokens);
    },
    image({ href, text }) {
      return safeHref(href)
        ? `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`
        : escapeHtml(text);
    },
  },
});

/** `<@123>` or `<@123|Ada Lindqvist>` in Markdown mentions person 123 (Basecamp needs the person's sgid, looked up by the executor). */
const MENTION = /<@(\d{1,16})(?:\|[^<>|\n]{0,100})?>/g;

export function mentionedPeople(markdown: string): number[] {
  return [...new Set([...markdown.matchAll(MENTION)].map((match) => Number(match[1])))];
}

/**
 * Markdown → the HTML subset Basecamp keeps. Paragraphs become divs, every heading an h1.
 * `mentions` maps person ids to their attachable_sgid for `<@id>`.
 */
export function markdownToHtml(markdown: string, mentions: ReadonlyMap<number, string> = new Map()): string {
  // A plain-word token survives marked untouched; the mention markup goes in after the tag filter.
  const nonce = freshNonce();
  const html = agentMarkdown.parse(markdown.replace(MENTION, `BCM${nonce}P$1X`), { async: false });
  const token = new RegExp(`BCM${nonce}P(\\d+)X`, 'g');
  const mention = (_token: string, id: string) => {
    const sgid = mentions.get(Number(id));
    return sgid
      ? // As Basecamp documents a mention: the person's sgid only; Basecamp types and captions it when it stores it.
        `<bc-attachment sgid="${sgid.replace(/"/g, '')}"></bc-attachment>`
      : `@${id}`;
  };
  // Only text between tags becomes a mention: one inside a link's href would break out of the attribute.
  return basecampSubset(html).replace(/(<[^>]*>)|([^<]+)/g, (_m, tag?: string, text?: string) =>
    tag ? tag.replace(token, '@$1') : text!.replace(token, mention),
  );
}

/** The HTML marked made, rebuilt tag by tag: allow-listed tags only, no attributes but a safe link's href. */
function basecampSubset(html: string): string {
  const renamed: Record<string, string> = {
    p: 'div',
    del: 'strike',
    s: 'strike',
    b: 'strong',
    i: 'em',
    hr: 'br',
  };
  return html
    .replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g, (_m, slash: string, name: string, rest: string) => {
      let tag = name.toLowerCase();
      tag = /^h[1-6]$/.test(tag) ? 'h1' : (renamed[tag] ?? tag);
      if (!ALLOWED.has(tag)) return '';
      if (tag === 'br') return slash ? '' : '<br>';
      if (tag === 'a' && !slash) {
        const href = /\shref="([^"]*)"/i.exec(rest)?.[1];
        // marked has escaped the href; it is checked once more after unescaping the entities that matter.
        const plain = href
          ?.replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#(x?)([0-9a-f]+);/gi, (_e, x: string, n: string) =>
            String.fromCodePoint(parseInt(n, x ? 16 : 10)),
          );
        return plain && safeHref(plain) ? `<a href="${escapeHtml(plain)}">` : '<a>';
      }
      return `<${slash}${tag}>`;
    })
    .replace(/\n+(?=<)/g, '')
    .trim();
}
