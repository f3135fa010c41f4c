// Surgical edits of one entry in a YAML file (Goose). The `yaml` Document parses and locates our entry; the
// text is then spliced line by line, so everything else (comments, quoting, flow maps, blank lines) stays byte
// for byte — a full Document re-print would normalise the user's formatting.
import { isDeepStrictEqual } from 'node:util';
import YAML, { isMap, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';
import { ConfigParseError } from './errors.ts';

type AnyPair = Pair<unknown, unknown>;

function parse(text: string, file: string): Document.Parsed {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ConfigParseError(
      file,
      position.line,
      position.col,
      error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new ConfigParseError(
      file,
      1,
      1,
      'the file should hold a YAML mapping (key: value lines) at the top level',
    );
  }
  return doc;
}

function keyIs(pair: AnyPair, key: string): boolean {
  return isScalar(pair.key) && pair.key.value === key;
}

function range(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null)?.range ?? undefined;
}

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Start of the line after the pair's value (its own trailing comments stay for whatever follows). */
function pairEnd(text: string, pair: AnyPair): number {
  const end = range(pair.value)?.[1] ?? range(pair.key)![1];
  const newline = text.indexOf('\n', Math.max(end - 1, 0));
  return newline === -1 ? text.length : newline + 1;
}

function block(key: string, value: unknown, indent: string, unit: number): string {
  const rendered = YAML.stringify({ [key]: value }, { indent: unit, lineWidth: 0 });
  return rendered
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}

function editLf(text: string, file: string, [containerKey, name]: [string, string], value: unknown): string {
  const doc = parse(text, file);
  const root = doc.contents as YAMLMap<unknown, unknown> | null;
  const unit = 2;
  const fallback = (): string => {
    // Flow-style or empty containers can't be spliced line by line; the Document keeps the comments.
    if (value === undefined) doc.deleteIn([containerKey, name]);
    else doc.setIn([containerKey, name], doc.createNode(value));
    return doc.toString();
  };
  if (!root) {
    if (value === undefined) return text;
    const prefix = text === '' || text.endsWith('\n') ? text : text + '\n';
    return prefix + YAML.stringify({ [containerKey]: { [name]: value } }, { indent: unit, lineWidth: 0 });
  }
  if (root.flow) return fallback();
  const containerPair = (root.items as AnyPair[]).find((pair) => keyIs(pair, containerKey));
  if (!containerPair) {
    if (value === undefined) return text;
    const prefix = text.endsWith('\n') ? text : text + '\n';
    return prefix + YAML.stringify({ [containerKey]: { [name]: value } }, { indent: unit, lineWidth: 0 });
  }
  const container = containerPair.value;
  const emptyContainer =
    container === null ||
    (isScalar(container) && container.value === null) ||
    (isMap(container) && container.flow && container.items.length === 0);
  if (emptyContainer) {
    if (value === undefined) return text;
    // `extensions:` or `extensions: {}` becomes a block mapping holding our entry; a comment on the line stays.
    const keyStart = range(containerPair.key)![0];
    const colon = text.indexOf(':', range(containerPair.key)![1]);
    const valueEnd = isMap(container) ? range(container)![1] : colon + 1;
    const lineEnd = text.indexOf('\n', valueEnd);
    const restOfLine = text.slice(valueEnd, lineEnd === -1 ? text.length : lineEnd).trimEnd();
    const indent = text.slice(lineStart(text, keyStart), keyStart) + ' '.repeat(unit);
    const after = lineEnd === -1 ? '' : text.slice(lineEnd + 1);
    return text.slice(0, colon + 1) + restOfLine + '\n' + block(name, value, indent, unit) + after;
  }
  if (!isMap(container)) {
    const at = range(container)?.[0] ?? 0;
    const line = text.slice(0, at).split('\n').length;
    throw new ConfigParseError(
      file,
      line,
      at - lineStart(text, at) + 1,
      `"${containerKey}" should be a mapping; fix or remove it by hand first`,
    );
  }
  if (container.flow) return fallback();
  const items = container.items as AnyPair[];
  const entry = items.find((pair) => keyIs(pair, name));
  const first = items[0];
  const indentOf = (pair: AnyPair): string => {
    const start = range(pair.key)![0];
    return text.slice(lineStart(text, start), start);
  };

  if (value === undefined) {
    if (!entry) return text;
    const without = text.slice(0, lineStart(text, range(entry.key)![0])) + text.slice(pairEnd(text, entry));
    if (items.length > 1) return without;
    // Our entry was the only one: leave an empty mapping, not a null the client might refuse.
    const keyEnd = range(containerPair.key)![1];
    const colon = without.indexOf(':', keyEnd);
    return without.slice(0, colon + 1) + ' {}' + without.slice(colon + 1);
  }

  // Nest our fields the way the file nests its own (2 or 4 spaces).
  const containerIndent = text.slice(
    lineStart(text, range(containerPair.key)![0]),
    range(containerPair.key)![0],
  ).length;
  const fileUnit = Math.max(1, indentOf(first!).length - containerIndent);
  if (entry) {
    if (isDeepStrictEqual(YAML.isNode(entry.value) ? entry.value.toJSON() : entry.value, value)) return text;
    const start = lineStart(text, range(entry.key)![0]);
    return (
      text.slice(0, start) + block(name, value, indentOf(entry), fileUnit) + text.slice(pairEnd(text, entry))
    );
  }
  const last = items[items.length - 1]!;
  const at = pairEnd(text, last);
  const joiner = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return text.slice(0, at) + joiner + block(name, value, indentOf(first!), fileUnit) + text.slice(at);
}

/** Set (value) or remove (undefined) `<container>.<name>`; CRLF files stay CRLF. */
export function editYamlEntry(text: string, file: string, path: [string, string], value: unknown): string {
  const crlf = text.includes('\r\n');
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  const edited = editLf(lf, file, path, value);
  if (edited === lf) return text;
  return crlf ? edited.replace(/\n/g, '\r\n') : edited;
}

export function readYamlValue(text: string, file: string, [containerKey, name]: [string, string]): unknown {
  const doc = parse(text.replace(/\r\n/g, '\n'), file);
  const js = doc.toJS() as Record<string, Record<string, unknown> | null | undefined> | null;
  const container = js?.[containerKey];
  return container && typeof container === 'object' ? container[name] : undefined;
}

/** The whole document as plain data (null for an empty file). */
export function readYamlDocument(text: string, file: string): unknown {
  return parse(text.replace(/\r\n/g, '\n'), file).toJS() as unknown;
}

/** Take out the top-level `key` when it holds an empty mapping (the container we added); anything else stays. */
export function removeEmptyYamlContainer(text: string, file: string, key: string): string {
  const crlf = text.includes('\r\n');
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  const root = parse(lf, file).contents as YAMLMap<unknown, unknown> | null;
  if (!root || root.flow) return text;
  const pair = (root.items as AnyPair[]).find((item) => keyIs(item, key));
  const value = pair?.value;
  const empty =
    value === null ||
    (isScalar(value) && value.value === null) ||
    (isMap(value) && value.flow && value.items.length === 0);
  if (!pair || !empty) return text;
  const edited = lf.slice(0, lineStart(lf, range(pair.key)![0])) + lf.slice(pairEnd(lf, pair));
  return crlf ? edited.replace(/\n/g, '\r\n') : edited;
}
