import { ClientConfigError } from './errors.ts';
export function editYamlEntry(
  _text: string,
  _file: string,
  _path: [string, string],
  _value: unknown,
): string {
  throw new ClientConfigError('YAML editing is not ready yet.');
}
export function readYamlValue(_text: string, _file: string, _path: [string, string]): unknown {
  return undefined;
}
