// More actions of the `files` tool: upload a file (from a local path or from bytes) as an
// attachment whose sgid can be put in a folder, a new version, or rich text. Added in catalog/index.ts.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { BasecampRecord, Operation } from '../operation.ts';
import { defineOperation } from '../operation.ts';
import { id, line } from '../params.ts';
import {
  openAllowedFile,
  readAtMost,
  UploadRefused,
  type AllowedFile,
  type UploadPolicy,
} from '../upload-folders.ts';

/** Largest file the companion uploads in one call; Basecamp allows more, agents rarely need it. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export const contentTypeFor = (name: string): string =>
  TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';

/** The file's bytes and name, from a local path (only where `uploads` allows) or from base64, refusing what would fail or is too big. */
async function fileFrom(
  params: {
    path?: string;
    content_base64?: string;
    name?: string;
  },
  uploads?: UploadPolicy,
): Promise<{ bytes: Buffer; name: string }> {
  if ((params.path === undefined) === (params.content_base64 === undefined))
    throw new UploadInputError(
      'Give either path (a local file) or content_base64 (the bytes), not both and not neither.',
    );
  if (params.path !== undefined) {
    if (!isAbsolute(params.path))
      throw new UploadInputError(`path must be absolute, e.g. /home/me/report.pdf (got "${params.path}").`);
    // Secrets (~/.ssh, ~/.aws, .env, the companion's settings) must not leave by an agent's request.
    let file: AllowedFile;
    try {
      file = await openAllowedFile(params.path, uploads);
    } catch (error) {
      if (error instanceof UploadRefused) throw new UploadInputError(error.message);
      throw error;
    }
    try {
      if (file.size > MAX_UPLOAD_BYTES)
        throw new UploadInputError(`${params.path} is ${file.size} bytes; the limit is ${MAX_UPLOAD_BYTES}.`);
      if (file.size === 0) throw new UploadInputError(`${params.path} is empty.`);
      // Read from the handle that was checked, and never past the limit even if the file grew since.
      const bytes = await readAtMost(file.handle, MAX_UPLOAD_BYTES + 1);
      if (bytes.length > MAX_UPLOAD_BYTES)
        throw new UploadInputError(
          `${params.path} grew past the limit of ${MAX_UPLOAD_BYTES} bytes while it was read.`,
        );
      return { bytes, name: params.name ?? basename(params.path) };
    } finally {
      await file.handle.close();
    }
  }
  const bytes = Buffer.from(params.content_base64!, 'base64');
  if (bytes.length === 0) throw new UploadInputError('content_base64 decodes to nothing.');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new UploadInputError(`The file is ${bytes.length} bytes; the limit is ${MAX_UPLOAD_BYTES}.`);
  if (!params.name) throw new UploadInputError('name is required with content_base64, e.g. "notes.txt".');
  return { bytes, name: params.name };
}

class UploadInputError extends Error {}

const fileParams = {
  path: z.string().max(4096).optional().describe('An absolute path to a local file to upload'),
  content_base64: z
    .string()
    .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'must be base64')
    .optional()
    .describe('The file itself, base64-encoded (instead of path)'),
  name: line(
    'The file name Basecamp shows, e.g. report.pdf (default: the name of the local file)',
    255,
  ).optional(),
  content_type: line('The file type, e.g. image/png (default: from the name)', 255).optional(),
};

export const attachmentOperations: Operation[] = [
  defineOperation({
    id: 'files.attach',
    domain: 'files',
    action: 'attach',
    title: 'Upload a file',
    summary:
      'Upload a file (a local path or base64 bytes); the answer’s attachable_sgid goes to create_upload (put it in a folder), add_version, or rich text.',
    method: 'POST',
    path: '/attachments.json',
    params: z.object(fileParams),
    kind: 'write',
    openapi: ['CreateAttachment'],
    run: async (ctx, params) => {
      let file: { bytes: Buffer; name: string };
      try {
        file = await fileFrom(params, ctx.uploads);
      } catch (error) {
        if (error instanceof UploadInputError)
          return {
            text: `${error.message} Nothing was uploaded.`,
            isError: true,
            structured: { error: { code: 'invalid_params', message: error.message } },
          };
        throw error;
      }
      const { data } = await ctx.client.request<BasecampRecord>({
        method: 'POST',
        path: '/attachments.json',
        query: { name: file.name },
        upload: { bytes: file.bytes, contentType: params.content_type ?? contentTypeFor(file.name) },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const sgid = String(data.attachable_sgid ?? '');
      return {
        text: [
          `Uploaded **${file.name}** (${file.bytes.length} bytes).`,
          `attachable_sgid: ${sgid}`,
          'Next: files create_upload with this sgid to put it in a folder, or add_version to replace a file.',
        ].join('\n'),
        structured: {
          attachable_sgid: sgid,
          filename: file.name,
          byte_size: file.bytes.length,
          content_type: data.content_type,
        },
      };
    },
  }),
];

/**
 * A url off the account's API address (e.g. an inline attachment's href on a storage host) is not fetched: the
 * sign-in goes only to the account, and which other hosts Basecamp serves files from is not documented.
 */
function outsideAccount(address: string, accountHref: string): string | undefined {
  const url = new URL(address);
  const base = new URL(accountHref.replace(/\/*$/, '/'));
  if (url.origin === base.origin && (url.pathname + '/').startsWith(base.pathname)) return undefined;
  return `${url.host} is not your Basecamp account's API address (${base.href}), and Basecamp Companion sends your sign-in only there, so it does not download from it. For a file in Docs & Files pass its upload_id instead; for a file embedded in a message or comment, open it in Basecamp.`;
}

/** Upload errors the agent can fix, as an answer instead of a thrown failure. */
function refused(error: unknown) {
  if (!(error instanceof UploadInputError)) throw error;
  return {
    text: `${error.message} Nothing was uploaded.`,
    isError: true,
    structured: { error: { code: 'invalid_params', message: error.message } },
  };
}

export const campfireUploadOperations: Operation[] = [
  defineOperation({
    id: 'campfires.upload_file',
    domain: 'campfires',
    action: 'upload_file',
    title: 'Post a file in a Campfire',
    summary: 'Post a file (a local path or base64 bytes) into a Campfire chat as its own line.',
    method: 'POST',
    path: '/chats/{campfire_id}/uploads.json',
    params: z.object({ campfire_id: id('The Campfire id'), ...fileParams }),
    kind: 'write',
    openapi: ['CreateCampfireUpload'],
    run: async (ctx, params) => {
      let file: { bytes: Buffer; name: string };
      try {
        file = await fileFrom(params, ctx.uploads);
      } catch (error) {
        return refused(error);
      }
      const { data } = await ctx.client.request<BasecampRecord>({
        method: 'POST',
        path: `/chats/${params.campfire_id}/uploads.json`,
        query: { name: file.name },
        upload: { bytes: file.bytes, contentType: params.content_type ?? contentTypeFor(file.name) },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return {
        text: `Posted **${file.name}** (${file.bytes.length} bytes) in the Campfire — line ${String(data.id)}${typeof data.app_url === 'string' ? ` · ${data.app_url}` : ''}.`,
        structured: { id: data.id, app_url: data.app_url, filename: file.name, byte_size: file.bytes.length },
      };
    },
  }),
];

/** What Basecamp takes as an account logo (docs: PNG, JPEG, GIF, WebP, AVIF or HEIC, at most 5 MB). */
const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
};
export const MAX_LOGO_BYTES = 5 * 1024 * 1024;

/** One-field multipart/form-data body: the logo file under the field name `logo`. */
export function multipartFile(
  field: string,
  name: string,
  contentType: string,
  bytes: Buffer,
): { bytes: Buffer; contentType: string } {
  const boundary = `----basecamp-companion-${randomBytes(12).toString('hex')}`;
  const safeName = name.replace(/["\r\n]/g, '_');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    bytes: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export const accountLogoOperations: Operation[] = [
  defineOperation({
    id: 'account.set_logo',
    domain: 'account',
    action: 'set_logo',
    title: 'Set the account logo',
    summary:
      'Replace the account’s logo with an image (a local path or base64 bytes; PNG, JPEG, GIF, WebP, AVIF or HEIC, at most 5 MB; admins only).',
    method: 'PUT',
    path: '/account/logo.json',
    params: z.object({
      path: fileParams.path,
      content_base64: fileParams.content_base64,
      name: fileParams.name,
    }),
    kind: 'write',
    openapi: ['UpdateAccountLogo'],
    run: async (ctx, params) => {
      let file: { bytes: Buffer; name: string };
      try {
        file = await fileFrom(params, ctx.uploads);
        if (file.bytes.length > MAX_LOGO_BYTES)
          throw new UploadInputError(
            `The logo is ${file.bytes.length} bytes; Basecamp takes at most ${MAX_LOGO_BYTES}.`,
          );
      } catch (error) {
        return refused(error);
      }
      const type = LOGO_TYPES[extname(file.name).toLowerCase()];
      if (!type)
        return refused(
          new UploadInputError(
            `${file.name} is not an image Basecamp takes as a logo: use PNG, JPEG, GIF, WebP, AVIF or HEIC.`,
          ),
        );
      await ctx.client.request({
        method: 'PUT',
        path: '/account/logo.json',
        upload: multipartFile('logo', file.name, type, file.bytes),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return {
        text: `The account logo is now **${file.name}** (${file.bytes.length} bytes).`,
        structured: { ok: true, filename: file.name, byte_size: file.bytes.length },
      };
    },
  }),
];

/** Largest download returned in one answer. */
export const MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024;
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const isText = (type: string) => /^text\/|[+/](json|xml|csv|markdown)\b/.test(type);

export const downloadOperations: Operation[] = [
  defineOperation({
    id: 'files.download',
    domain: 'files',
    action: 'download',
    title: 'Download a file',
    summary:
      'Get the content of an uploaded file (upload_id) or of a download_url Basecamp gave: text comes back as text, pictures as images, anything else is saved to a local file whose path is returned.',
    method: 'GET',
    path: '/uploads/{upload_id}.json',
    params: z.object({
      upload_id: id('The upload id (from uploads or files)').optional(),
      url: z
        .url()
        .max(4000)
        .optional()
        .describe('A download_url from an earlier answer (instead of upload_id)'),
      max_bytes: z
        .number()
        .int()
        .min(1)
        .max(MAX_DOWNLOAD_BYTES)
        .optional()
        .describe(`Refuse files bigger than this (default and most ${MAX_DOWNLOAD_BYTES} bytes)`),
    }),
    kind: 'read',
    openapi: ['GetUpload'],
    run: async (ctx, params) => {
      if ((params.upload_id === undefined) === (params.url === undefined))
        return refused(
          new UploadInputError('Give either upload_id or url (a download_url), not both and not neither.'),
        );
      let address = params.url;
      if (address !== undefined) {
        const outside = outsideAccount(address, ctx.client.account.href);
        if (outside) return { text: outside, isError: true };
      }
      let name: string | undefined;
      if (params.upload_id !== undefined) {
        const { data } = await ctx.client.request<BasecampRecord>({
          method: 'GET',
          path: `/uploads/${params.upload_id}.json`,
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        address = typeof data.download_url === 'string' ? data.download_url : undefined;
        name = typeof data.filename === 'string' ? data.filename : undefined;
        if (!address) return { text: `Upload ${params.upload_id} has no download_url.`, isError: true };
      }
      const file = await ctx.client.download(address!, {
        maxBytes: params.max_bytes ?? MAX_DOWNLOAD_BYTES,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const fileName =
        name ??
        file.fileName ??
        decodeURIComponent(new URL(address!).pathname.split('/').pop() || 'download');
      const type = file.contentType.split(';')[0]!.trim().toLowerCase();
      const facts = { filename: fileName, content_type: type, byte_size: file.bytes.length };
      if (INLINE_IMAGES.has(type))
        return {
          text: `**${fileName}** (${type}, ${file.bytes.length} bytes), shown below.`,
          structured: facts,
          images: [{ data: file.bytes.toString('base64'), mimeType: type }],
        };
      if (isText(type))
        return {
          text: `**${fileName}** (${type}, ${file.bytes.length} bytes):\n\n${file.bytes.toString('utf8')}`,
          structured: facts,
        };
      // Binary files would flood the context: they go to a local file the agent can open.
      const dir = join(tmpdir(), 'basecamp-companion-downloads');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const saved = join(dir, `${Date.now()}-${basename(fileName).replace(/[^\w.-]+/g, '_')}`);
      await writeFile(saved, file.bytes, { mode: 0o600 });
      return {
        text: `**${fileName}** (${type}, ${file.bytes.length} bytes) saved to ${saved}`,
        structured: { ...facts, saved_to: saved },
      };
    },
  }),
];
