import { ClientConfigError } from './errors.ts';
export function editTomlEntry(
  _text: string,
  _file: string,
  _path: [string, string],
  _value: unknown,
): string {
  throw new ClientConfigError('TOML editing is not ready yet.');
}
export function readTomlValue(_text: string, _file: string, _path: [string, string]): unknown {
  return undefined;
}
export function renderTomlTable(_path: [string, string], _value: Record<string, unknown>): string {
  return '';
}
