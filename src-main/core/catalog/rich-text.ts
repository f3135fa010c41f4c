// Basecamp rich text ⇄ Markdown. Agents read and write Markdown; Basecamp stores a small HTML subset
// (div, h1, br, strong, em, strike, a, pre, ol, ul, li, blockquote, bc-attachment).
import { marked } from 'marked';
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

function inlineAttachments(html: string): string {
  return html.replace(ATTACHMENT, (_match, attributes: string, inner: string) => {
    const caption = inner
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (attribute(attributes, 'content-type') === 'application/vnd.basecamp.mention')
      return `@${caption || 'someone'}`;
    const name = attribute(attributes, 'filename') ?? (caption || 'attachment');
    const href = attribute(attributes, 'href') ?? attribute(attributes, 'url');
    return href ? `<a href="${href}">📎 ${name}</a>` : `📎 ${name}`;
  });
}

turndown.addRule('strike', { filter: ['del', 's', 'strike'], replacement: (content) => `~~${content}~~` });

export function htmlToMarkdown(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  return turndown
    .turndown(inlineAttachments(html))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

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
  'bc-attachment',
]);

/** `<@123>` in Markdown mentions person 123 (Basecamp needs the person's sgid, looked up by the executor). */
const MENTION = /<@(\d{1,16})>/g;
const MENTION_TOKEN = /BCMENTION(\d+)X/g;

export function mentionedPeople(markdown: string): number[] {
  return [...new Set([...markdown.matchAll(MENTION)].map((match) => Number(match[1])))];
}

/**
 * Markdown → the HTML subset Basecamp keeps. Paragraphs become divs, every heading an h1.
 * `mentions` maps person ids to their attachable_sgid for `<@id>`.
 */
export function markdownToHtml(markdown: string, mentions: ReadonlyMap<number, string> = new Map()): string {
  // A plain-word token survives marked untouched; the mention markup goes in after the tag filter.
  const html = marked.parse(markdown.replace(MENTION, 'BCMENTION$1X'), {
    async: false,
    gfm: true,
    breaks: true,
  });
  return basecampSubset(html).replace(MENTION_TOKEN, (token, id: string) => {
    const sgid = mentions.get(Number(id));
    return sgid
      ? `<bc-attachment sgid="${sgid.replace(/"/g, '')}" content-type="application/vnd.basecamp.mention"></bc-attachment>`
      : `@${id}`;
  });
}

function basecampSubset(html: string): string {
  return html
    .replace(/<(\/?)p>/g, '<$1div>')
    .replace(/<(\/?)h[2-6]( [^>]*)?>/g, '<$1h1>')
    .replace(/<(\/?)del>/g, '<$1strike>')
    .replace(
      /<(\/?)(b|i)>/g,
      (_m, slash: string, tag: string) => `<${slash}${tag === 'b' ? 'strong' : 'em'}>`,
    )
    .replace(/<\/?code>/g, '')
    .replace(/<hr\s*\/?>/g, '<br>')
    .replace(/<br\s*\/?>/g, '<br>')
    .replace(/<(\/?)([a-z0-9-]+)((?: [^>]*)?)>/g, (match, _slash: string, tag: string) =>
      ALLOWED.has(tag) ? match : '',
    )
    .replace(/\n+(?=<)/g, '')
    .trim();
}
