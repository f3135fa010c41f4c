// E-mail forwards into a project's inbox and their replies; the client side of a project:
// approvals, correspondences and the replies to them. Read-only in the API, seeded by seed-extras.
import { notFound, ok, type Family, type TypeSpec } from '../family.ts';
import { paginate } from '../pagination.ts';
import { activeChildren, getRecording, listChildren, newestFirst } from './kit.ts';

const reply: TypeSpec = {
  segment: 'replies',
  boostable: true,
  searchText: (r) => String(r.fields.content ?? ''),
  fields: (r) => ({ content: r.fields.content ?? '', content_attachments: [] }),
};

const CLIENT_THREADS = ['Client::Approval', 'Client::Correspondence'];

export const forwards: Family = {
  name: 'forwards',
  types: {
    'Inbox::Forward': {
      segment: 'inbox_forwards',
      commentable: true,
      subscribable: true,
      searchText: (f) => String(f.fields.content ?? ''),
      fields: (f, view) => ({
        content: f.fields.content ?? '',
        content_attachments: [],
        subject: f.title,
        from: f.fields.from ?? '',
        replies_count: activeChildren(view.store, f.id, 'Inbox::Forward::Reply').length,
        replies_url: view.api(`${view.path(f)}/replies.json`),
      }),
    },
    'Inbox::Forward::Reply': {
      ...reply,
      segment: 'inbox_forwards/replies',
      appPath: (r) => `/buckets/${r.bucketId}/inbox_forwards/${r.parentId}#__recording_${r.id}`,
    },
    'Client::Approval': {
      segment: 'client/approvals',
      subscribable: true,
      fields: (a, view) => ({
        content: a.fields.content ?? '',
        content_attachments: [],
        subject: a.title,
        due_on: a.fields.due_on ?? null,
        approval_status: a.fields.approval_status ?? 'pending',
        approver: view.personById(Number(a.fields.approver_id)),
        responses: [],
        replies_count: activeChildren(view.store, a.id, 'Client::Reply').length,
        replies_url: view.api(`/buckets/${a.bucketId}/client/recordings/${a.id}/replies.json`),
      }),
    },
    'Client::Correspondence': {
      segment: 'client/correspondences',
      subscribable: true,
      fields: (c, view) => ({
        content: c.fields.content ?? '',
        content_attachments: [],
        subject: c.title,
        replies_count: activeChildren(view.store, c.id, 'Client::Reply').length,
        replies_url: view.api(`/buckets/${c.bucketId}/client/recordings/${c.id}/replies.json`),
      }),
    },
    'Client::Reply': {
      ...reply,
      segment: 'client/replies',
      appPath: (r) => `/buckets/${r.bucketId}/client/recordings/${r.parentId}#__recording_${r.id}`,
    },
  },
  routes: [
    listChildren('/inboxes/{id}/inbox_forwards.json', 'Inbox', 'Inbox::Forward', newestFirst),
    getRecording('/inbox_forwards/{id}.json', 'Inbox::Forward'),
    listChildren('/inbox_forwards/{id}/replies.json', 'Inbox::Forward', 'Inbox::Forward::Reply'),
    {
      method: 'GET',
      path: '/inbox_forwards/{id}/replies/{reply}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const forward = ctx.find(ctx.id(), 'Inbox::Forward');
        const found = ctx.find(ctx.id('reply'), 'Inbox::Forward::Reply');
        if (found.parentId !== forward.id) throw notFound();
        return ok(ctx.view.recording(found));
      },
    },
    ...(['approvals', 'correspondences'] as const).map((kind) => ({
      method: 'GET' as const,
      path: `/buckets/{bucket}/client/${kind}.json`,
      handler: (ctx: Parameters<Family['routes'][number]['handler']>[0]) => {
        const project = ctx.project(ctx.id('bucket'));
        const type = kind === 'approvals' ? 'Client::Approval' : 'Client::Correspondence';
        const items = ctx.store.where(
          (r) => r.type === type && r.bucketId === project.id && r.status === 'active',
        );
        const key = ctx.query.get('sort') === 'updated_at' ? 'updatedAt' : 'createdAt';
        const direction = ctx.query.get('direction') === 'asc' ? 1 : -1;
        items.sort((a, b) => direction * a[key].localeCompare(b[key]) || direction * (a.id - b.id));
        return paginate(
          ctx,
          items.map((r) => ctx.view.recording(r)),
        );
      },
    })),
    getRecording('/client/approvals/{id}.json', 'Client::Approval'),
    getRecording('/client/correspondences/{id}.json', 'Client::Correspondence'),
    {
      method: 'GET',
      path: '/buckets/{bucket}/client/recordings/{id}/replies.json',
      handler: (ctx) => {
        const thread = ctx.find(ctx.id(), CLIENT_THREADS);
        return paginate(
          ctx,
          activeChildren(ctx.store, thread.id, 'Client::Reply').map((r) => ctx.view.recording(r)),
        );
      },
    },
    {
      method: 'GET',
      path: '/buckets/{bucket}/client/recordings/{id}/replies/{reply}.json',
      handler: (ctx) => {
        const thread = ctx.find(ctx.id(), CLIENT_THREADS);
        const found = ctx.find(ctx.id('reply'), 'Client::Reply');
        if (found.parentId !== thread.id) throw notFound();
        return ok(ctx.view.recording(found));
      },
    },
  ],
};
