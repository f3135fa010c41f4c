// Surgical edits of one entry in a JSON / JSONC file. Everything outside the entry (comments, formatting,
// key order, other servers) stays byte for byte. jsonc-parser parses; the text edits are made here, because
// its `modify` re-formats neighbouring lines (it would expand a user's compact `{ "url": "x" }`).
import { isDeepStrictEqual } from 'node:util';
import jsonc from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { ConfigParseError } from './errors.ts';

export interface TextLayout {
  eol: string;
  /** One level of indentation, e.g. two spaces or a tab. */
  unit: string;
}

/** The file's own line ending and indentation, so that what we add looks like what is there. */
export function detectLayout(text: string): TextLayout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let unit = '  ';
  const indents = text
    .split(/\r?\n/)
    .map((line) => /^([ \t]+)\S/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  if (indents.length > 0) {
    if (indents[0]!.startsWith('\t')) unit = '\t';
    else
      unit = ' '.repeat(Math.min(...indents.filter((i) => !i.includes('\t')).map((i) => i.length), 8) || 2);
  }
  return { eol, unit };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** Parse leniently (comments and trailing commas are fine); anything else is refused with its position. */
export function parseJsonTree(text: string, file: string): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = jsonc.parseTree(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  const first = errors[0];
  if (first) {
    const { line, column } = lineColumn(text, first.offset);
    throw new ConfigParseError(file, line, column, jsonc.printParseErrorCode(first.error));
  }
  if (root && root.type !== 'object') {
    throw new ConfigParseError(file, 1, 1, `the file holds a JSON ${root.type}, not an object`);
  }
  return root;
}

/** jsonc-parser builds null-prototype objects; compare and hand out plain ones. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function readJsonValue(text: string, file: string, path: string[]): unknown {
  const root = parseJsonTree(text, file);
  if (!root) return undefined;
  const node = jsonc.findNodeAtLocation(root, path);
  return node ? plain(jsonc.getNodeValue(node)) : undefined;
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** True when only spaces/tabs stand between the start of the line and `offset`. */
function startsLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, offset));
}

function render(value: unknown, indent: string, layout: TextLayout): string {
  return JSON.stringify(value, null, layout.unit)
    .split('\n')
    .join(layout.eol + indent);
}

/** Offset just past a `,` that follows `offset` (skipping whitespace and comments), or undefined. */
function commaAfter(text: string, offset: number): number | undefined {
  const scanner = jsonc.createScanner(text.slice(offset), false);
  for (;;) {
    const token = scanner.scan();
    // 5 = CommaToken, 15 = Trivia, 14 = LineBreakTrivia, 12 = LineCommentTrivia, 13 = BlockCommentTrivia
    if (token === 5) return offset + scanner.getTokenOffset() + 1;
    if (token === 15 || token === 14 || token === 12 || token === 13) continue;
    return undefined;
  }
}

/** End of the line that contains `offset`, before its line break. */
function lineEnd(text: string, offset: number): number {
  const next = text.indexOf('\n', offset);
  if (next === -1) return text.length;
  return text[next - 1] === '\r' ? next - 1 : next;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Insert `"key": value` as the last property of an object node. */
function insertProperty(
  text: string,
  object: JsonNode,
  key: string,
  value: unknown,
  layout: TextLayout,
): string {
  const closing = object.offset + object.length - 1;
  const children = object.children ?? [];
  const last = children[children.length - 1];
  if (!last) {
    // A file written on one line stays on one line.
    if (!text.trim().includes('\n')) {
      return splice(text, object.offset + 1, closing, `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    }
    const outer = lineIndent(text, object.offset);
    const inner = outer + layout.unit;
    const body = `${layout.eol}${inner}${JSON.stringify(key)}: ${render(value, inner, layout)}${layout.eol}${outer}`;
    return splice(text, object.offset + 1, closing, body);
  }
  const lastEnd = last.offset + last.length;
  const trailingComma = commaAfter(text, lastEnd);
  if (!startsLine(text, last.offset) || lineEnd(text, lastEnd) > closing) {
    // Compact object on one line: `{ "a": 1 }` becomes `{ "a": 1, "basecamp": {...} }`.
    const at = trailingComma ?? lastEnd;
    const prefix = trailingComma ? ' ' : ', ';
    return splice(
      text,
      at,
      at,
      `${prefix}${JSON.stringify(key)}: ${JSON.stringify(value)}${trailingComma ? ',' : ''}`,
    );
  }
  const indent = lineIndent(text, last.offset);
  const property = `${layout.eol}${indent}${JSON.stringify(key)}: ${render(value, indent, layout)}`;
  if (trailingComma !== undefined) {
    // Keep the file's trailing-comma style: our entry gets one too.
    const at = lineEnd(text, trailingComma);
    return splice(text, at, at, property + ',');
  }
  const at = lineEnd(text, lastEnd);
  const withProperty = splice(text, at, at, property);
  return splice(withProperty, lastEnd, lastEnd, ',');
}

/** Remove one property node; the inverse of insertProperty, so that add + remove gives the original bytes. */
function removeProperty(text: string, object: JsonNode, property: JsonNode): string {
  const children = object.children ?? [];
  if (children.length === 1) {
    // Our entry was the only one: leave an empty `{}` (the shape before we came, when we made the object).
    return splice(text, object.offset, object.offset + object.length, '{}');
  }
  const index = children.indexOf(property);
  const end = property.offset + property.length;
  const ownComma = commaAfter(text, end);
  const previous = children[index - 1];
  if (startsLine(text, property.offset)) {
    const lineStart = text.lastIndexOf('\n', property.offset - 1);
    let start = lineStart === -1 ? 0 : lineStart;
    if (start > 0 && text[start - 1] === '\r') start -= 1;
    const isLast = index === children.length - 1;
    if (ownComma !== undefined || !isLast || !previous) {
      return splice(text, start, ownComma ?? end, '');
    }
    // Last entry without a comma of its own: the separator after the previous entry goes too.
    const previousEnd = previous.offset + previous.length;
    const previousComma = commaAfter(text, previousEnd);
    const without = splice(text, start, end, '');
    return previousComma !== undefined && previousComma <= start
      ? splice(without, previousComma - 1, previousComma, '')
      : without;
  }
  // Compact: take out `, "basecamp": {...}` (or `"basecamp": {...}, ` when it is first).
  if (previous) {
    const previousEnd = previous.offset + previous.length;
    return splice(text, previousEnd, ownComma !== undefined ? ownComma - 1 : end, '');
  }
  const next = children[index + 1];
  return splice(text, property.offset, next ? next.offset : (ownComma ?? end), '');
}

function propertyOf(object: JsonNode, key: string): JsonNode | undefined {
  return object.children?.find((child) => child.children?.[0]?.value === key);
}

function describePath(path: string[]): string {
  return path.map((part) => `"${part}"`).join(' → ');
}

/**
 * Set (value) or remove (undefined) the entry at `[container, name]`, touching nothing else.
 * `text` must be free of a BOM; the caller restores it.
 */
export function editJsonEntry(text: string, file: string, path: [string, string], value: unknown): string {
  const layout = detectLayout(text);
  const root = parseJsonTree(text, file);
  const [containerKey, name] = path;
  if (!root) {
    if (value === undefined) return text;
    // Empty, or only comments: keep whatever is there and add the object after it.
    const body = render({ [containerKey]: { [name]: value } }, '', layout) + layout.eol;
    return text.trim() === '' ? body : text + (text.endsWith('\n') ? '' : layout.eol) + body;
  }
  const containerProperty = propertyOf(root, containerKey);
  const container = containerProperty?.children?.[1];
  if (container && container.type !== 'object') {
    throw new ConfigParseError(
      file,
      lineColumn(text, container.offset).line,
      lineColumn(text, container.offset).column,
      `${describePath([containerKey])} should be an object but is a JSON ${container.type}; fix or remove it by hand first`,
    );
  }
  if (!container) {
    if (value === undefined) return text;
    return insertProperty(text, root, containerKey, { [name]: value }, layout);
  }
  const entry = propertyOf(container, name);
  if (value === undefined) return entry ? removeProperty(text, container, entry) : text;
  if (!entry) return insertProperty(text, container, name, value, layout);
  const entryValue = entry.children?.[1];
  if (!entryValue) return insertProperty(text, container, name, value, layout);
  if (isDeepStrictEqual(plain(jsonc.getNodeValue(entryValue)), value)) return text;
  // An entry written inline (`{ "basecamp": {...}, "a": 1 }`) is replaced inline.
  const replacement = startsLine(text, entry.offset)
    ? render(value, lineIndent(text, entry.offset), layout)
    : JSON.stringify(value);
  return splice(text, entryValue.offset, entryValue.offset + entryValue.length, replacement);
}

/** Take out the top-level `key` when it holds an empty object (the container we added); anything else stays. */
export function removeEmptyJsonContainer(text: string, file: string, key: string): string {
  const root = parseJsonTree(text, file);
  const property = root && propertyOf(root, key);
  const value = property?.children?.[1];
  if (!root || !property || value?.type !== 'object' || (value.children?.length ?? 0) > 0) return text;
  return removeProperty(text, root, property);
}
