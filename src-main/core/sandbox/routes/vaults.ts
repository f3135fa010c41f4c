// Docs & Files: vaults (folders), their sub-vaults and documents.
import { ok, requireText, text, type Family, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import { addChild, createdRecording } from './kit.ts';

const active = (ctx: RouteContext, parentId: number, type: string) =>
  ctx.store.children(parentId, type).filter((r) => r.status === 'active' && !r.fields.draft);

export const vaults: Family = {
  name: 'vaults',
  types: {
    Vault: {
      segment: 'vaults',
      fields: (vault, view) => {
        const count = (type: string) =>
          view.store.children(vault.id, type).filter((r) => r.status === 'active').length;
        return {
          documents_count: count('Document'),
          documents_url: view.api(`/vaults/${vault.id}/documents.json`),
          uploads_count: count('Upload'),
          uploads_url: view.api(`/vaults/${vault.id}/uploads.json`),
          vaults_count: count('Vault'),
          vaults_url: view.api(`/vaults/${vault.id}/vaults.json`),
        };
      },
    },
    Document: {
      segment: 'documents',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (doc) => String(doc.fields.content ?? ''),
      fields: (doc) => ({
        ...(doc.fields.draft && doc.status === 'active' ? { status: 'drafted' } : {}),
        content: doc.fields.content ?? '',
        content_attachments: [],
      }),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/vaults/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Vault'))),
    },
    {
      method: 'GET',
      path: '/vaults/{id}/vaults.json',
      bucketAlias: true,
      handler: (ctx) =>
        paginate(
          ctx,
          active(ctx, ctx.find(ctx.id(), 'Vault').id, 'Vault').map((v) => ctx.view.recording(v)),
        ),
    },
    {
      method: 'POST',
      path: '/vaults/{id}/vaults.json',
      bucketAlias: true,
      handler: (ctx) => {
        const parent = ctx.find(ctx.id(), 'Vault');
        const vault = addChild(ctx, parent, {
          type: 'Vault',
          title: requireText(ctx.body, 'title'),
        });
        return createdRecording(ctx, vault);
      },
    },
    {
      method: 'GET',
      path: '/vaults/{id}/documents.json',
      bucketAlias: true,
      handler: (ctx) =>
        paginate(
          ctx,
          active(ctx, ctx.find(ctx.id(), 'Vault').id, 'Document').map((d) => ctx.view.recording(d)),
        ),
    },
    {
      method: 'POST',
      path: '/vaults/{id}/documents.json',
      bucketAlias: true,
      handler: (ctx) => {
        const vault = ctx.find(ctx.id(), 'Vault');
        const doc = addChild(ctx, vault, {
          type: 'Document',
          title: requireText(ctx.body, 'title'),
          fields: { content: text(ctx.body, 'content') ?? '', draft: ctx.body.status !== 'active' },
        });
        return createdRecording(ctx, doc);
      },
    },
    {
      method: 'GET',
      path: '/documents/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Document'))),
    },
    {
      method: 'PUT',
      path: '/documents/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const doc = ctx.find(ctx.id(), 'Document');
        // PUT replaces: an omitted content clears it, as in Basecamp.
        ctx.store.update(doc.id, {
          title: requireText(ctx.body, 'title'),
          fields: {
            content: text(ctx.body, 'content') ?? '',
            ...(ctx.body.status === 'active' ? { draft: false } : {}),
          },
        });
        return ok(ctx.view.recording(doc));
      },
    },
  ],
};
