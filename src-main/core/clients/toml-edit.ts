// Surgical edits of our table in a TOML file (Codex): `[mcp_servers.basecamp]` and its key lines are ours,
// everything else stays byte for byte. smol-toml parses (to refuse broken files and to read our entry back).
import { isDeepStrictEqual } from 'node:util';
import { parse, TomlError } from 'smol-toml';
import { ConfigParseError } from './errors.ts';

function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    // A plain-object copy: smol-toml builds null-prototype objects.
    return JSON.parse(JSON.stringify(parse(text))) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      throw new ConfigParseError(file, error.line, error.column, reason);
    }
    throw error;
  }
}

export function readTomlValue(text: string, file: string, [container, name]: [string, string]): unknown {
  const data = parseToml(text, file);
  const table = data[container];
  return table && typeof table === 'object' ? (table as Record<string, unknown>)[name] : undefined;
}

const bareKey = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));

function inline(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    const parts = Object.entries(value).map(([key, item]) => `${bareKey(key)} = ${inline(item)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  throw new Error(`Cannot write ${String(value)} as TOML`);
}

/** `[container.name]` followed by one `key = value` line per field (nested objects as inline tables). */
export function renderTomlTable([container, name]: [string, string], value: Record<string, unknown>): string {
  const lines = [
    `[${bareKey(container)}.${bareKey(name)}]`,
    ...Object.entries(value).map(([key, item]) => `${bareKey(key)} = ${inline(item)}`),
  ];
  return lines.join('\n') + '\n';
}

function headerPattern(container: string, name: string): RegExp {
  const part = (key: string): string => `(?:${key}|"${key}"|'${key}')`;
  return new RegExp(
    `^\\s*\\[\\s*${part(container)}\\s*\\.\\s*${part(name)}\\s*(?:\\.[^\\]]*)?\\]\\s*(?:#.*)?$`,
  );
}

const anyHeader = /^\s*\[/;

/** Line indices of our section: the header, its keys and any `[container.name.sub]` tables right after. */
function findSection(
  lines: string[],
  container: string,
  name: string,
): { start: number; end: number } | undefined {
  const ours = headerPattern(container, name);
  const start = lines.findIndex((line) => ours.test(line));
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && (!anyHeader.test(lines[end]!) || ours.test(lines[end]!))) end += 1;
  return { start, end };
}

function editLf(text: string, file: string, path: [string, string], value: unknown): string {
  const [container, name] = path;
  const current = readTomlValue(text, file, path);
  if (value === undefined ? current === undefined : isDeepStrictEqual(current, value)) return text;
  const lines = text.split('\n');
  const section = findSection(lines, container, name);
  if (current !== undefined && !section) {
    throw new ConfigParseError(
      file,
      1,
      1,
      `"${container}.${name}" is written in a form we don't edit (inline or dotted keys); change it by hand to a [${container}.${name}] table, or remove it`,
    );
  }
  if (value === undefined) {
    const { start, end } = section!;
    const atEnd = end >= lines.length || lines.slice(end).every((line) => line === '');
    // At the end of the file we also take the blank line we put before our table.
    const from = atEnd && start > 0 && lines[start - 1] === '' ? start - 1 : start;
    const kept = [...lines.slice(0, from), ...lines.slice(end)];
    const joined = kept.join('\n');
    return atEnd && text.endsWith('\n') && !joined.endsWith('\n') ? joined + '\n' : joined;
  }
  const table = renderTomlTable(path, value as Record<string, unknown>);
  if (section) {
    // Keep the blank lines that separated our table from the next one.
    let last = section.end;
    while (last > section.start + 1 && lines[last - 1]!.trim() === '') last -= 1;
    return [...lines.slice(0, section.start), table.trimEnd(), ...lines.slice(last)].join('\n');
  }
  if (text.trim() === '') return table;
  return text + (text.endsWith('\n') ? '' : '\n') + '\n' + table;
}

/** Set (value) or remove (undefined) `[<container>.<name>]`; CRLF files stay CRLF. */
export function editTomlEntry(text: string, file: string, path: [string, string], value: unknown): string {
  const crlf = text.includes('\r\n');
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  const edited = editLf(lf, file, path, value);
  if (edited === lf) return text;
  return crlf ? edited.replace(/\n/g, '\r\n') : edited;
}

/** The whole document as plain data. */
export function readTomlDocument(text: string, file: string): Record<string, unknown> {
  return parseToml(text, file);
}
