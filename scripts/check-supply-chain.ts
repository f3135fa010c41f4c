// Supply-chain gate for CI: no deprecated package and no license we cannot ship in the production tree.
// The registry reachable here answers `npm audit` with 405, so nothing here depends on it.
// Usage: node scripts/check-supply-chain.ts [npm-install-log]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SHIPPABLE = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'Python-2.0',
  'CC-BY-4.0',
  'MIT-0',
  'Zlib',
]);

interface InstalledPackage {
  name: string;
  version: string;
  license: string;
  dir: string;
}

function productionTree(): InstalledPackage[] {
  const output = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--long'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seen = new Map<string, InstalledPackage>();
  for (const line of output.split('\n')) {
    const [dir] = line.split(':');
    if (!dir || !dir.includes('node_modules')) continue;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: unknown;
      licenses?: Array<{ type: string }>;
    };
    const license =
      typeof manifest.license === 'string'
        ? manifest.license
        : (manifest.licenses ?? []).map((entry) => entry.type).join(' OR ') || 'UNKNOWN';
    seen.set(`${manifest.name}@${manifest.version}`, {
      name: manifest.name,
      version: manifest.version,
      license,
      dir,
    });
  }
  return [...seen.values()];
}

/** An SPDX expression is shippable when every AND-term has a shippable alternative. */
function isShippable(expression: string): boolean {
  const clean = expression.replace(/[()]/g, ' ');
  return clean
    .split(/\s+AND\s+/)
    .every((term) => term.split(/\s+OR\s+/).some((id) => SHIPPABLE.has(id.trim())));
}

const problems: string[] = [];
const tree = productionTree();
for (const pkg of tree) {
  if (!isShippable(pkg.license)) problems.push(`license: ${pkg.name}@${pkg.version} is "${pkg.license}"`);
}

const log = process.argv[2];
if (log && fs.existsSync(log)) {
  const names = new Set(tree.map((pkg) => `${pkg.name}@${pkg.version}`));
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    const match = /npm warn deprecated (\S+@\S+?):/.exec(line);
    if (match?.[1] && names.has(match[1])) problems.push(`deprecated in the production tree: ${line.trim()}`);
  }
}

if (problems.length) {
  console.error(`Supply-chain check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Supply-chain check: ${tree.length} production packages, all licenses shippable, none deprecated.`,
);
