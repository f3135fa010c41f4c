// Docs & Files through a real MCP client against the sandbox: documents are drafts unless published,
// an update keeps what it does not mention, files and versions, a rename read back.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from '../mcp-harness.ts';

describe('bc_files on the sandbox', () => {
  let h: McpHarness;
  let vaultId: number;
  let projectId: number;

  before(async () => {
    h = await startMcpHarness();
    const projects = await h.ok('bc_projects', 'list');
    const harbor = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!;
    projectId = harbor.id as number;
    const project = await h.ok('bc_projects', 'get', { project_id: projectId });
    vaultId = (project.structured.dock as { name: string; id: number }[]).find((t) => t.name === 'vault')!.id;
  });
  after(() => h.close());

  test('a new document is a draft unless publish: true, and says who would be notified', async () => {
    const draft = await h.ok('bc_files', 'create_document', {
      vault_id: vaultId,
      title: 'Launch FAQ',
      content: '# Questions\n\n- Is DNS ready?',
    });
    assert.equal(draft.structured.status, 'drafted');
    assert.match(draft.text, /draft/i);
    assert.match(draft.text, /everyone on the project/);
    const drafts = await h.ok('bc_my', 'drafts');
    assert.ok(
      drafts.structured.items!.some((d) => d.id === draft.structured.id),
      'the draft is in my drafts',
    );
    const published = await h.ok('bc_files', 'create_document', {
      vault_id: vaultId,
      title: 'Launch FAQ v2',
      publish: true,
      subscriptions: [],
    });
    assert.equal(published.structured.status, 'active');
    assert.doesNotMatch(published.text, /everyone on the project/);
  });

  test('updating only the title keeps the content (fetch, merge, put)', async () => {
    const doc = await h.ok('bc_files', 'create_document', {
      vault_id: vaultId,
      title: 'Runbook',
      content: 'Step **one**',
      publish: true,
    });
    await h.ok('bc_files', 'update_document', { document_id: doc.structured.id, title: 'Launch runbook' });
    const read = await h.ok('bc_files', 'document', { document_id: doc.structured.id });
    assert.equal(read.structured.title, 'Launch runbook');
    assert.match(read.text, /Step \*\*one\*\*/);
  });

  test('files in a folder, one file, a new version, and the versions list', async () => {
    const uploads = await h.ok('bc_files', 'uploads', { vault_id: vaultId });
    assert.ok(uploads.structured.items!.length >= 2);
    const upload = uploads.structured.items!.find((u) => String(u.filename).endsWith('.pdf'))!;
    const one = await h.ok('bc_files', 'upload', { upload_id: upload.id });
    assert.match(String(one.structured.download_url), /^http/);
    await h.ok('bc_files', 'add_version', {
      upload_id: upload.id,
      attachable_sgid: 'sgid-new-version',
      base_name: 'brand-guidelines-v2',
    });
    const versions = await h.ok('bc_files', 'versions', { upload_id: upload.id });
    assert.equal(versions.structured.items!.length, 1);
  });

  test('renaming a folder is read back; a cloud-file update keeps the note it does not mention', async () => {
    const folder = await h.ok('bc_files', 'create_folder', { vault_id: vaultId, title: 'Contracts' });
    const renamed = await h.ok('bc_files', 'rename_folder', {
      vault_id: folder.structured.id,
      title: 'Signed contracts',
    });
    assert.equal(renamed.structured.title, 'Signed contracts');
    const link = await h.ok('bc_files', 'link_cloud_file', {
      project_id: projectId,
      vault_id: vaultId,
      url: 'https://www.dropbox.com/s/abc/plan.pdf',
      service: 'dropbox',
      title: 'Plan',
      description: 'Keep this note',
    });
    await h.ok('bc_files', 'update_cloud_file', {
      cloud_file_id: link.structured.id,
      url: 'https://www.dropbox.com/s/abc/plan-v2.pdf',
      service: 'dropbox',
    });
    const read = await h.ok('bc_files', 'cloud_file', { cloud_file_id: link.structured.id });
    assert.equal(read.structured.title, 'Plan');
    assert.match(read.text, /Keep this note/);
  });

  test('bad input is refused before anything reaches Basecamp', async () => {
    const before = h.env.requests();
    const answer = await h.call('bc_files', {
      action: 'link_google_document',
      params: { project_id: projectId, vault_id: vaultId, url: 'not a url', document_type: 'document' },
    });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /url/);
    assert.equal(h.env.requests(), before);
  });
});

describe('files attach on the sandbox', () => {
  let h: McpHarness;
  let uploadDir: string;
  before(async () => {
    uploadDir = await mkdtemp(join(tmpdir(), 'bc-attach-'));
    h = await startMcpHarness({ uploads: { folders: [uploadDir] } });
  });
  after(async () => {
    await h.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  test('upload bytes, then put the attachment in a folder as a file', async () => {
    const attached = await h.ok('bc_files', 'attach', {
      content_base64: Buffer.from('minutes of the kickoff\n').toString('base64'),
      name: 'kickoff-minutes.txt',
    });
    const sgid = attached.structured.attachable_sgid as string;
    assert.ok(sgid.length > 10);
    assert.equal(attached.structured.byte_size, 23);
    const projects = await h.ok('bc_projects', 'list');
    const harbor = projects.structured.items!.find((p) => String(p.title).startsWith('Harbor'))!;
    const dock = (await h.ok('bc_projects', 'get', { project_id: harbor.id })).structured.dock as {
      name: string;
      id: number;
    }[];
    const vault = dock.find((t) => t.name === 'vault')!.id;
    const upload = await h.ok('bc_files', 'create_upload', {
      vault_id: vault,
      attachable_sgid: sgid,
      base_name: 'kickoff-minutes',
    });
    assert.match(upload.text, /kickoff-minutes/);
  });

  test('upload a local file by its absolute path', async () => {
    const file = join(uploadDir, 'logo.png');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const attached = await h.ok('bc_files', 'attach', { path: file });
    assert.equal(attached.structured.filename, 'logo.png');
    assert.equal(attached.structured.byte_size, 7);
    assert.equal(attached.structured.content_type, 'image/png');
  });

  test('a relative path or a missing file is refused before anything is sent', async () => {
    const before = h.env.requests();
    const relative = await h.call('bc_files', { action: 'attach', params: { path: 'notes.txt' } });
    assert.equal(relative.isError, true);
    assert.match(relative.text, /absolute/);
    const missing = await h.call('bc_files', {
      action: 'attach',
      params: { path: '/nonexistent/dir/notes.txt' },
    });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /Cannot upload .*uploadFolders/);
    assert.equal(h.env.requests(), before);
  });
});

describe('campfires upload_file on the sandbox', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('a file posted in a Campfire becomes a line there', async () => {
    const campfires = await h.ok('bc_campfires', 'list');
    const chat = campfires.structured.items![0]!;
    const posted = await h.ok('bc_campfires', 'upload_file', {
      campfire_id: chat.id,
      content_base64: Buffer.from('a,b\n1,2\n').toString('base64'),
      name: 'numbers.csv',
    });
    assert.match(posted.text, /Posted \*\*numbers\.csv\*\*/);
    const line = h.env.sandbox.store.get(posted.structured.id as number);
    assert.equal(line?.parentId, chat.id);
    assert.equal(line?.fields.byte_size, 8);
  });
});

describe('files download on the sandbox', () => {
  let h: McpHarness;
  before(async () => {
    h = await startMcpHarness();
  });
  after(() => h.close());

  test('text comes back as text, a picture as MCP image content, a PDF as a local file', async () => {
    const store = h.env.sandbox.store;
    const vault = store.where(
      (r) => r.type === 'Vault' && r.parentId === null && store.children(r.id, 'Upload').length > 0,
    )[0]!;
    const attached = await h.ok('bc_files', 'attach', {
      content_base64: Buffer.from('agenda: launch\n').toString('base64'),
      name: 'agenda.txt',
    });
    const upload = await h.ok('bc_files', 'create_upload', {
      vault_id: vault.id,
      attachable_sgid: attached.structured.attachable_sgid,
    });
    const text = await h.ok('bc_files', 'download', { upload_id: upload.structured.id });
    assert.match(text.text, /agenda: launch/);

    const png = store.where((r) => r.type === 'Upload' && r.fields.content_type === 'image/png')[0]!;
    const picture = await h.client.callTool({
      name: 'bc_files',
      arguments: { action: 'download', params: { upload_id: png.id } },
    });
    const parts = picture.content as { type: string; mimeType?: string; data?: string }[];
    const image = parts.find((part) => part.type === 'image');
    assert.ok(image, 'an image part');
    assert.equal(image.mimeType, 'image/png');
    assert.equal(Buffer.from(image.data!, 'base64').subarray(1, 4).toString(), 'PNG');

    const pdf = store.where((r) => r.type === 'Upload' && r.fields.content_type === 'application/pdf')[0]!;
    const saved = await h.ok('bc_files', 'download', { upload_id: pdf.id });
    const path = saved.structured.saved_to as string;
    assert.match((await readFile(path)).toString(), /^%PDF/);
    await rm(path, { force: true });

    const tooSmall = await h.call('bc_files', {
      action: 'download',
      params: { upload_id: pdf.id, max_bytes: 5 },
    });
    assert.equal(tooSmall.isError, true);
  });

  test('a url outside the account (an inline attachment on a storage host) says what to do; nothing is sent', async () => {
    const before = h.env.requests();
    const answer = await h.call('bc_files', {
      action: 'download',
      params: { url: 'https://files.example.com/123/blobs/abc/download/photo.png' },
    });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /files\.example\.com/);
    assert.match(answer.text, /upload_id/);
    assert.match(answer.text, /open it in Basecamp/i);
    assert.equal(h.env.requests(), before);
  });

  test('secrets stay home: a hidden file or folder is not uploaded', async () => {
    const before = h.env.requests();
    const answer = await h.call('bc_files', {
      action: 'attach',
      params: { path: '/home/someone/.ssh/id_ed25519' },
    });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /hidden/);
    assert.equal(h.env.requests(), before);
  });
});
