// BASECAMP_COMPANION_LOG_LEVEL overrides the settings' log level; a value that is no level is ignored, and
// the log says so instead of staying silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCompanion } from './app.ts';
import { createMemoryStore } from './secrets/memory-store.ts';

async function warningsWith(level: string | undefined): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcc-log-level-'));
  const env: NodeJS.ProcessEnv = { ...process.env, BASECAMP_COMPANION_HOME: dataDir };
  if (level === undefined) delete env.BASECAMP_COMPANION_LOG_LEVEL;
  else env.BASECAMP_COMPANION_LOG_LEVEL = level;
  const companion = await createCompanion({ env, dataDir, secrets: createMemoryStore() });
  try {
    return companion.ring
      .since()
      .filter((entry) => entry.level === 'warn')
      .map((entry) => entry.message);
  } finally {
    await companion.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

test('a log level that is not one is named in a warning with the levels to use', async () => {
  const warnings = await warningsWith('loud\u001b[31m');
  const warning = warnings.find((message) => message.includes('BASECAMP_COMPANION_LOG_LEVEL'));
  assert.ok(warning, warnings.join('\n'));
  assert.match(warning, /"loud\?\[31m" is not a log level/);
  assert.match(warning, /use debug, info, warn or error/);
});

test('a real level, or none, gives no such warning', async () => {
  for (const level of ['debug', undefined]) {
    const warnings = await warningsWith(level);
    assert.equal(
      warnings.some((message) => message.includes('BASECAMP_COMPANION_LOG_LEVEL')),
      false,
      String(level),
    );
  }
});
