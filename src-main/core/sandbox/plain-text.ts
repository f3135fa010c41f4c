// The plain text Basecamp puts in excerpts (timeline summaries, notification and draft previews): rich text
// read as a person would say it, on one line and cut short. Blocks and line breaks part words, a mention
// is "@Name", entities are decoded.
const BLOCK = /<\/?(?:div|p|br|li|ul|ol|h[1-6]|pre|blockquote|figure|figcaption|tr|td|th|table|hr)\b[^>]*>/gi;
const MENTION =
  /<bc-attachment\b[^>]*content-type="application\/vnd\.basecamp\.mention"[^>]*>([\s\S]*?)<\/bc-attachment>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function plainExcerpt(html: string, max = 140): string {
  const text = html
    .replace(MENTION, (_m, inner: string) => `@${inner.replace(/<[^<>]*>/g, '').trim()}`)
    .replace(/<bc-attachment\b[^>]*>[\s\S]*?<\/bc-attachment>/gi, ' ')
    .replace(BLOCK, ' ')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (entity, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text); // by code point: a cut never splits an emoji
  return chars.length > max
    ? `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
    : text;
}
