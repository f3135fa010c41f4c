// Writes a generated document, or with --check fails when the committed one is stale (CI runs that).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export function writeGenerated(file: string, text: string, regenerate: string): void {
  const name = relative(process.cwd(), file);
  if (!process.argv.includes('--check')) {
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    console.error(`${name} is out of date with the catalog: run \`${regenerate}\` and commit it.`);
    process.exit(1);
  }
  console.log(`${name} is up to date.`);
}
