// Uploads by path through a real MCP client on the sandbox: only regular, visible files inside the
// allowed folders leave the machine, and every refusal reads the same (nothing says whether a file exists).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFile, link, mkdir, mkdtemp, rename, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MAX_UPLOAD_BYTES } from './domains/attachments.ts';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';
import { uploadHooks } from './upload-folders.ts';

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

describe('uploads judge the file actually opened, not the name checked', () => {
  let h: McpHarness;
  let root: string;
  let allowed: string;
  let dataDir: string;
  const refusedText = (answer: { isError?: boolean; text: string }) =>
    answer.isError === true && answer.text.startsWith('Cannot upload ');

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'bc-upload-race-'));
    allowed = join(root, 'work');
    dataDir = join(root, 'companion-data');
    await mkdir(join(allowed, '.ssh'), { recursive: true });
    await mkdir(join(allowed, 'docs'), { recursive: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(allowed, '.ssh', 'notes.txt'), 'PRIVATE KEY\n');
    await writeFile(join(allowed, 'docs', 'notes.txt'), 'public notes\n');
    await writeFile(join(dataDir, 'companion.log'), 'log line\n');
    h = await startMcpHarness({ uploads: { folders: [allowed], dataDir } });
  });
  after(async () => {
    uploadHooks.beforeOpen = undefined;
    uploadHooks.afterChecks = undefined;
    await h.close();
    await rm(root, { recursive: true, force: true });
  });

  test('a folder swapped for a symlink to a hidden folder between check and open is refused', async () => {
    const docs = join(allowed, 'docs');
    uploadHooks.beforeOpen = async () => {
      await rename(docs, join(allowed, 'docs-was'));
      await symlink(join(allowed, '.ssh'), docs);
    };
    const before = h.env.requests();
    try {
      const answer = await h.call('bc_files', {
        action: 'attach',
        params: { path: join(docs, 'notes.txt') },
      });
      assert.ok(refusedText(answer), answer.text);
      assert.equal(h.env.requests(), before, 'nothing reached Basecamp');
    } finally {
      uploadHooks.beforeOpen = undefined;
      await rm(docs);
      await rename(join(allowed, 'docs-was'), docs);
    }
  });

  test('a file swapped for a symlink between check and open is refused', async () => {
    const file = join(allowed, 'docs', 'notes.txt');
    uploadHooks.beforeOpen = async () => {
      await rename(file, `${file}.was`);
      await symlink(join(allowed, '.ssh', 'notes.txt'), file);
    };
    try {
      const answer = await h.call('bc_files', { action: 'attach', params: { path: file } });
      assert.ok(refusedText(answer), answer.text);
    } finally {
      uploadHooks.beforeOpen = undefined;
      await rm(file);
      await rename(`${file}.was`, file);
    }
    const answer = await h.ok('bc_files', 'attach', { path: file });
    assert.equal(answer.structured.byte_size, 13, 'the untouched file still uploads');
  });

  test('hard links to a hidden file or to the companion’s data are refused with the same message', async () => {
    await link(join(allowed, '.ssh', 'notes.txt'), join(allowed, 'docs', 'key-copy.txt'));
    await link(join(dataDir, 'companion.log'), join(allowed, 'docs', 'log-copy.txt'));
    for (const name of ['key-copy.txt', 'log-copy.txt']) {
      const path = join(allowed, 'docs', name);
      const answer = await h.call('bc_files', { action: 'attach', params: { path } });
      assert.equal(answer.isError, true, path);
      assert.match(
        answer.text.replace(path, '<path>'),
        /^Cannot upload <path>: only regular, non-hidden files/,
      );
    }
  });

  test('a file that grows past the limit after it was checked is not read past the limit', async () => {
    const big = join(allowed, 'docs', 'growing.bin');
    await writeFile(big, '');
    await truncate(big, MAX_UPLOAD_BYTES); // sparse: exactly at the limit, so it passes the size check
    uploadHooks.afterChecks = async () => appendFile(big, 'x');
    try {
      const answer = await h.call('bc_files', { action: 'attach', params: { path: big } });
      assert.equal(answer.isError, true);
      assert.match(answer.text, /grew past the limit/);
    } finally {
      uploadHooks.afterChecks = undefined;
      await rm(big);
    }
  });
});

describe('on macOS and Windows the private app folders under home are off-limits, whatever their case', () => {
  for (const [platform, name] of [
    ['darwin', 'Library'],
    ['win32', 'AppData'],
  ] as const) {
    test(`${platform}: ~/${name} is refused, other home files upload`, async () => {
      const home = await mkdtemp(join(tmpdir(), `bc-upload-${platform}-`));
      const dataDir = join(home, 'data');
      const odd = name.toUpperCase(); // on a case-sensitive disk a differently cased folder is separate; still refused
      for (const dir of [name, odd, 'docs', 'data']) await mkdir(join(home, dir), { recursive: true });
      await writeFile(join(home, name, 'Cookies.binarycookies'), 'c\n');
      await writeFile(join(home, odd, 'login.keychain'), 'k\n');
      await writeFile(join(home, 'docs', 'plan.txt'), 'plan\n');
      const h = await startMcpHarness({ uploads: { dataDir, platform, home } });
      try {
        for (const path of [join(home, name, 'Cookies.binarycookies'), join(home, odd, 'login.keychain')]) {
          const answer = await h.call('bc_files', { action: 'attach', params: { path } });
          assert.equal(answer.isError, true, path);
          assert.match(answer.text, /^Cannot upload /);
        }
        const answer = await h.ok('bc_files', 'attach', { path: join(home, 'docs', 'plan.txt') });
        assert.equal(answer.structured.byte_size, 5);
      } finally {
        await h.close();
        await rm(home, { recursive: true, force: true });
      }
    });
  }
});
