// The copyable text for a client: exactly what we would write, for users who prefer to paste it themselves.
import YAML from 'yaml';
import type { ClientSpec, EntryInput } from './table.ts';
import { ENTRY_NAME } from './table.ts';
import { renderTomlTable } from './toml-edit.ts';

/** One argv as a line a POSIX shell (and PowerShell, for these simple values) reads back the same. */
export function shellLine(argv: string[]): string {
  return argv
    .map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

export function renderSnippet(spec: ClientSpec, entry: Record<string, unknown>, input: EntryInput): string {
  if (spec.cli) return shellLine(spec.cli.add(input));
  const wrapped = { [spec.container]: { [ENTRY_NAME]: entry } };
  if (spec.format === 'yaml') return YAML.stringify(wrapped);
  if (spec.format === 'toml') return renderTomlTable([spec.container, ENTRY_NAME], entry);
  return JSON.stringify(wrapped, null, 2) + '\n';
}
