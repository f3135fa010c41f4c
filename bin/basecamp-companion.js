#!/usr/bin/env node
// The CLI's front door. Plain JavaScript, so that an old Node gets a sentence instead of a stack trace:
// the sources are TypeScript that Node runs directly from 22.18 on (type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `Basecamp Companion needs Node.js 22.18 or newer; this is ${process.version}.\n` +
      'Install Node 22 (for example with `nvm install 22`, which reads .nvmrc), then run the command again.\n',
  );
  process.exit(1);
}
await import('../src-main/cli/main.ts');
