// Docs & Files beyond documents: uploaded files and their versions, linked cloud files and
// Google documents, and renaming a folder.
import {
  badRequest,
  created,
  invalid,
  ok,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { sgidFor } from '../view.ts';
import { paginate } from '../pagination.ts';
import type { Recording } from '../store.ts';
import { accountState, getRecording, listChildren, newestFirst, addChild, createdRecording } from './kit.ts';

const linked = (extra: (r: Recording) => Record<string, unknown>) => (r: Recording) => ({
  description: r.fields.description ?? '',
  description_attachments: [],
  ...extra(r),
});

function versions(ctx: RouteContext, upload: Recording) {
  return ((upload.fields.versions as { id: number; at: string; by: number }[] | undefined) ?? []).map(
    (v) => ({
      id: v.id,
      recording_id: upload.id,
      action: 'upload',
      created_at: v.at,
      creator: ctx.view.personById(v.by),
    }),
  );
}

/** The file an attachable_sgid stands for; the sandbox accepts any non-blank sgid and names the file after it. */
function fileFrom(ctx: RouteContext): Record<string, unknown> {
  const sgid = requireText(ctx.body, 'attachable_sgid');
  const blob = blobs(ctx).get(sgid);
  const extension = blob ? (blob.filename.match(/\.[^.]+$/)?.[0] ?? '') : '.pdf';
  const baseName =
    text(ctx.body, 'base_name')?.trim() ||
    (blob ? blob.filename.replace(/\.[^.]+$/, '') : `file-${sgid.slice(0, 6).replace(/[^a-z0-9]/gi, '')}`);
  return {
    filename: `${baseName}${extension}`,
    content_type: blob?.contentType ?? 'application/pdf',
    byte_size: blob?.bytes.length ?? 48_213,
    attachable_sgid: sgid,
  };
}

// The route context has no request headers; a file's type follows from its name, as Basecamp's own sniffing would.
const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
};
const typeFor = (name: string) =>
  TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** The cloud service a linked file lives on, in the shape Basecamp describes it. */
function serviceFor(code: string) {
  const name = code.charAt(0).toUpperCase() + code.slice(1);
  return {
    name,
    code,
    example_url: `https://www.${code}.com/…`,
    valid_patterns: [`https://(www\\.)?${code}\\.com/.*`],
  };
}

/** Uploaded bytes by attachable_sgid, so a file put in a folder downloads as what was sent. */
const blobs = (ctx: RouteContext) =>
  accountState(
    ctx.store,
    'blobs',
    () => new Map<string, { bytes: Buffer; filename: string; contentType: string }>(),
  );

/** A 1×1 PNG, a one-page PDF, or text: stand-in bytes for seeded files. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
function seededBytes(upload: Recording): Buffer {
  const type = String(upload.fields.content_type ?? '');
  if (type.startsWith('image/')) return PIXEL;
  if (type === 'application/pdf')
    return Buffer.from(`%PDF-1.4\n% ${String(upload.fields.filename)}\n%%EOF\n`);
  return Buffer.from(`${String(upload.fields.filename ?? upload.title)}\n`);
}

export const files: Family = {
  name: 'files',
  types: {
    'Chat::Lines::Attachment': {
      segment: (r) => `chats/${r.parentId}/lines`,
      boostable: true,
      fields: (r) => ({
        content: '',
        attachments: [
          { filename: r.fields.filename, content_type: r.fields.content_type, byte_size: r.fields.byte_size },
        ],
      }),
    },
    Upload: {
      segment: 'uploads',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (u) => `${String(u.fields.filename ?? '')} ${String(u.fields.description ?? '')}`,
      fields: (u, view) => ({
        description: u.fields.description ?? '',
        description_attachments: [],
        content_type: u.fields.content_type ?? 'application/octet-stream',
        byte_size: u.fields.byte_size ?? 0,
        filename: u.fields.filename ?? u.title,
        width: u.fields.width ?? null,
        height: u.fields.height ?? null,
        download_url: view.api(
          `/buckets/${u.bucketId}/uploads/${u.id}/download/${encodeURIComponent(String(u.fields.filename ?? u.title))}`,
        ),
      }),
    },
    CloudFile: {
      segment: 'cloud_files',
      commentable: true,
      subscribable: true,
      boostable: true,
      fields: linked((r) => ({
        service: serviceFor(String(r.fields.service ?? 'dropbox')),
        link_url: r.fields.url,
      })),
    },
    GoogleDocument: {
      segment: 'google_documents',
      commentable: true,
      subscribable: true,
      boostable: true,
      fields: linked((r) => ({
        document_type: r.fields.document_type ?? 'document',
        link_url: r.fields.url,
      })),
    },
  },
  routes: [
    {
      // Basecamp redirects this to signed storage; the sandbox answers the bytes itself.
      method: 'GET',
      path: '/buckets/{bucket}/uploads/{id}/download/{name*}',
      handler: (ctx) => {
        const upload = ctx.find(ctx.id(), 'Upload');
        const bytes =
          blobs(ctx).get(String(upload.fields.attachable_sgid ?? ''))?.bytes ?? seededBytes(upload);
        return {
          status: 200,
          body: bytes,
          headers: {
            'Content-Type': String(upload.fields.content_type ?? 'application/octet-stream'),
            'Content-Disposition': `attachment; filename="${String(upload.fields.filename ?? 'file')}"`,
          },
        };
      },
    },
    {
      // A file posted in a Campfire becomes a line of its own.
      method: 'POST',
      path: '/chats/{id}/uploads.json',
      bucketAlias: true,
      body: 'raw',
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        const name = ctx.query.get('name')?.trim();
        if (!name) throw badRequest('name is required: POST /chats/{id}/uploads.json?name=<file name>');
        if (ctx.rawBody.length === 0) throw invalid('The file is empty: send its bytes as the request body');
        const line = addChild(ctx, chat, {
          type: 'Chat::Lines::Attachment',
          title: name,
          position: null,
          fields: { filename: name, content_type: typeFor(name), byte_size: ctx.rawBody.length },
        });
        return createdRecording(ctx, line);
      },
    },
    {
      // The file itself as the body, with its own Content-Type; the answer's sgid attaches it anywhere.
      method: 'POST',
      path: '/attachments.json',
      body: 'raw',
      handler: (ctx) => {
        const name = ctx.query.get('name')?.trim();
        if (!name) throw badRequest('name is required: POST /attachments.json?name=<file name>');
        if (ctx.rawBody.length === 0) throw invalid('The file is empty: send its bytes as the request body');
        const id = ctx.store.nextId();
        const sgid = sgidFor('Attachment', id);
        blobs(ctx).set(sgid, { bytes: Buffer.from(ctx.rawBody), filename: name, contentType: typeFor(name) });
        const blob = ctx.view.api(`/blobs/${id}`);
        return created({
          id,
          attachable_sgid: sgid,
          sgid,
          status_url: ctx.view.api(`/attachments/${sgid}.json`),
          caption: null,
          byte_size: ctx.rawBody.length,
          content_type: typeFor(name),
          filename: name,
          download_url: `${blob}/download/${encodeURIComponent(name)}`,
          previewable: false,
        });
      },
    },
    {
      method: 'PUT',
      path: '/vaults/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const vault = ctx.find(ctx.id(), 'Vault');
        ctx.store.update(vault.id, { title: requireText(ctx.body, 'title') });
        return ok(ctx.view.recording(vault));
      },
    },
    listChildren('/vaults/{id}/uploads.json', 'Vault', 'Upload', newestFirst),
    {
      method: 'POST',
      path: '/vaults/{id}/uploads.json',
      bucketAlias: true,
      handler: (ctx) => {
        const vault = ctx.find(ctx.id(), 'Vault');
        const file = fileFrom(ctx);
        const upload = addChild(ctx, vault, {
          type: 'Upload',
          title: String(file.filename),
          visibleToClients: ctx.body.visible_to_clients === true,
          fields: { ...file, description: text(ctx.body, 'description') ?? '', versions: [] },
        });
        return createdRecording(ctx, upload);
      },
    },
    getRecording('/uploads/{id}.json', 'Upload'),
    {
      method: 'PUT',
      path: '/uploads/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const upload = ctx.find(ctx.id(), 'Upload');
        const baseName = text(ctx.body, 'base_name')?.trim();
        const extension = String(upload.fields.filename ?? '').match(/\.[^.]+$/)?.[0] ?? '';
        const filename = baseName ? `${baseName}${extension}` : undefined;
        ctx.store.update(upload.id, {
          ...(filename ? { title: filename } : {}),
          fields: {
            ...(filename ? { filename } : {}),
            ...(ctx.body.description !== undefined
              ? { description: text(ctx.body, 'description') ?? '' }
              : {}),
          },
        });
        return ok(ctx.view.recording(upload));
      },
    },
    {
      method: 'GET',
      path: '/uploads/{id}/versions.json',
      bucketAlias: true,
      handler: (ctx) => paginate(ctx, versions(ctx, ctx.find(ctx.id(), 'Upload'))),
    },
    {
      method: 'POST',
      path: '/uploads/{id}/versions.json',
      bucketAlias: true,
      handler: (ctx) => {
        const upload = ctx.find(ctx.id(), 'Upload');
        const file = fileFrom(ctx);
        const history = [
          ...((upload.fields.versions as unknown[] | undefined) ?? []),
          { id: ctx.store.nextId(), at: ctx.store.now(), by: ctx.me.id },
        ];
        ctx.store.update(upload.id, { title: String(file.filename), fields: { ...file, versions: history } });
        return created(versions(ctx, upload).at(-1), ctx.view.url(upload));
      },
    },
    ...(
      [
        ['cloud_files', 'CloudFile', 'service'],
        ['google_documents', 'GoogleDocument', 'document_type'],
      ] as const
    ).flatMap(([segment, type, kindField]) => [
      {
        method: 'POST' as const,
        path: `/buckets/{bucket}/vaults/{id}/${segment}.json`,
        handler: (ctx: RouteContext) => {
          const vault = ctx.find(ctx.id(), 'Vault');
          const url = requireText(ctx.body, 'url');
          if (!/^https?:\/\//.test(url)) throw invalid('url must be a link');
          const recording = ctx.store.add({
            type,
            bucketId: vault.bucketId,
            parentId: vault.id,
            creatorId: ctx.me.id,
            title: text(ctx.body, 'title')?.trim() || url,
            fields: {
              url,
              [kindField]: requireText(ctx.body, kindField),
              description: text(ctx.body, 'description') ?? '',
            },
          });
          return createdRecording(ctx, recording);
        },
      },
      getRecording(`/${segment}/{id}.json`, type),
      {
        method: 'PUT' as const,
        path: `/${segment}/{id}.json`,
        bucketAlias: true,
        handler: (ctx: RouteContext) => {
          const recording = ctx.find(ctx.id(), type);
          // A full replacement, as Basecamp does it: what is left out is cleared.
          const url = requireText(ctx.body, 'url');
          ctx.store.update(recording.id, {
            title: text(ctx.body, 'title')?.trim() || url,
            fields: {
              url,
              [kindField]: requireText(ctx.body, kindField),
              description: text(ctx.body, 'description') ?? '',
            },
          });
          return ok(ctx.view.recording(recording));
        },
      },
    ]),
  ],
};
