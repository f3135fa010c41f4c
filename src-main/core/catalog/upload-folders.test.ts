// Uploads by path through a real MCP client on the sandbox: only regular, visible files inside the
// allowed folders leave the machine, and every refusal reads the same (nothing says whether a file exists).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

describe('local-file uploads are limited to the allowed folders', () => {
  let h: McpHarness;
  let root: string;
  let allowed: string;
  let dataDir: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'bc-upload-policy-'));
    allowed = join(root, 'work');
    dataDir = join(allowed, 'companion-data'); // the data directory inside an allowed folder is still off-limits
    await mkdir(join(allowed, '.secret'), { recursive: true });
    await mkdir(join(allowed, 'sub'), { recursive: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(allowed, 'report.txt'), 'quarterly numbers\n');
    await writeFile(join(allowed, '.env'), 'TOKEN=1\n');
    await writeFile(join(allowed, '.secret', 'key.txt'), 'k\n');
    await writeFile(join(root, 'outside.txt'), 'not yours\n');
    await writeFile(join(dataDir, 'settings.json'), '{}\n');
    await symlink(join(root, 'outside.txt'), join(allowed, 'link-out.txt'));
    await symlink(join(allowed, '.env'), join(allowed, 'visible-link-to-env.txt'));
    execFileSync('mkfifo', [join(allowed, 'pipe.txt')]);
    h = await startMcpHarness({ uploads: { folders: [allowed], dataDir } });
  });
  after(async () => {
    await h.close();
    await rm(root, { recursive: true, force: true });
  });

  test('a visible file in an allowed folder is uploaded', async () => {
    const answer = await h.ok('bc_files', 'attach', { path: join(allowed, 'report.txt') });
    assert.equal(answer.structured.byte_size, 18);
  });

  test('bytes passed inline are still uploaded', async () => {
    const answer = await h.ok('bc_files', 'attach', {
      content_base64: Buffer.from('hello').toString('base64'),
      name: 'hello.txt',
    });
    assert.equal(answer.structured.byte_size, 5);
  });

  test('everything else is refused with the same message, before anything is sent', async () => {
    const refused = [
      '/etc/passwd',
      join(root, 'outside.txt'),
      join(allowed, 'link-out.txt'),
      join(allowed, 'visible-link-to-env.txt'),
      join(allowed, '.env'),
      join(allowed, '.secret', 'key.txt'),
      `${allowed}/sub/../report.txt`,
      join(dataDir, 'settings.json'),
      join(allowed, 'pipe.txt'),
      join(allowed, 'sub'),
      join(allowed, 'missing.txt'),
    ];
    const before = h.env.requests();
    for (const path of refused) {
      for (const [tool, params] of [
        ['bc_files', { action: 'attach', params: { path } }],
        ['bc_campfires', { action: 'upload_file', params: { campfire_id: 1, path } }],
      ] as const) {
        const answer = await h.call(tool, params);
        assert.equal(answer.isError, true, `${tool} ${path} is refused`);
        assert.equal(
          answer.text.replace(path, '<path>'),
          `Cannot upload <path>: only regular, non-hidden files inside the allowed folders (${allowed}) can be uploaded, and never the companion’s own data. To allow another folder, add it to "uploadFolders" in the companion’s settings.json, or pass the bytes as content_base64 instead. Nothing was uploaded.`,
          `${tool} ${path}`,
        );
      }
    }
    assert.equal(h.env.requests(), before, 'nothing reached Basecamp');
  });
});
