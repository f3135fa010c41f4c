import { z } from 'zod';
import type { RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { id } from '../params.ts';
import { by, count, day, obj, str, when } from '../facts.ts';

const replyView: RecordView = {
  noun: 'reply',
  title: (r) => str(obj(r.creator)?.name),
  excerpt: 'content',
  facts: (r) => [when(r.created_at)],
  richText: ['content'],
  keep: ['creator', 'created_at', 'parent', 'bucket'],
};

const approvalView: RecordView = {
  noun: 'client approval',
  title: (r) => str(r.subject) ?? str(r.title),
  facts: (r) => [
    str(r.approval_status),
    str(obj(r.approver)?.name) && `approver ${str(obj(r.approver)?.name)}`,
    day(r.due_on) && `due ${day(r.due_on)}`,
    count(r.replies_count, 'reply'),
  ],
  richText: ['content'],
  keep: ['subject', 'approval_status', 'approver', 'due_on', 'replies_count', 'responses', 'bucket'],
};

const correspondenceView: RecordView = {
  noun: 'client message',
  title: (r) => str(r.subject) ?? str(r.title),
  facts: (r) => [by(r), day(r.created_at), count(r.replies_count, 'reply')],
  richText: ['content'],
  keep: ['subject', 'creator', 'created_at', 'replies_count', 'bucket'],
};

const sort = {
  sort: z.enum(['created_at', 'updated_at']).optional().describe('Order by creation or last update'),
  direction: z.enum(['asc', 'desc']).optional().describe('Oldest (asc) or newest (desc) first'),
};

export default defineDomain({
  name: 'clients',
  title: 'Client approvals and messages',
  summary:
    'Working with clients in a project: approval requests, client messages (correspondences) and their replies.',
  operations: [
    defineOperation({
      id: 'clients.approvals',
      domain: 'clients',
      action: 'approvals',
      title: 'List client approvals',
      summary: 'The approval requests sent to clients in a project.',
      method: 'GET',
      path: '/buckets/{project_id}/client/approvals.json',
      params: z.object({ project_id: id('The project id'), ...sort }),
      query: ['sort', 'direction'],
      kind: 'read',
      paginated: true,
      openapi: ['ListClientApprovals'],
      view: approvalView,
    }),
    defineOperation({
      id: 'clients.approval',
      domain: 'clients',
      action: 'approval',
      title: 'Get a client approval',
      summary: 'One approval request with the client’s responses.',
      method: 'GET',
      path: '/client/approvals/{approval_id}.json',
      params: z.object({ approval_id: id('The approval id') }),
      kind: 'read',
      openapi: ['GetClientApproval'],
      view: approvalView,
    }),
    defineOperation({
      id: 'clients.correspondences',
      domain: 'clients',
      action: 'correspondences',
      title: 'List client messages',
      summary: 'The messages exchanged with clients in a project.',
      method: 'GET',
      path: '/buckets/{project_id}/client/correspondences.json',
      params: z.object({ project_id: id('The project id'), ...sort }),
      query: ['sort', 'direction'],
      kind: 'read',
      paginated: true,
      openapi: ['ListClientCorrespondences'],
      view: correspondenceView,
    }),
    defineOperation({
      id: 'clients.correspondence',
      domain: 'clients',
      action: 'correspondence',
      title: 'Get a client message',
      summary: 'One message exchanged with clients.',
      method: 'GET',
      path: '/client/correspondences/{correspondence_id}.json',
      params: z.object({ correspondence_id: id('The correspondence id') }),
      kind: 'read',
      openapi: ['GetClientCorrespondence'],
      view: correspondenceView,
    }),
    defineOperation({
      id: 'clients.replies',
      domain: 'clients',
      action: 'replies',
      title: 'List client replies',
      summary: 'The replies to a client approval or client message.',
      method: 'GET',
      path: '/buckets/{project_id}/client/recordings/{recording_id}/replies.json',
      params: z.object({
        project_id: id('The project id'),
        recording_id: id('The approval or client message id'),
      }),
      kind: 'read',
      paginated: true,
      openapi: ['ListClientReplies'],
      view: replyView,
    }),
    defineOperation({
      id: 'clients.reply',
      domain: 'clients',
      action: 'reply',
      title: 'Get a client reply',
      summary: 'One reply to a client approval or client message.',
      method: 'GET',
      path: '/buckets/{project_id}/client/recordings/{recording_id}/replies/{reply_id}.json',
      params: z.object({
        project_id: id('The project id'),
        recording_id: id('The approval or client message id'),
        reply_id: id('The reply id'),
      }),
      kind: 'read',
      openapi: ['GetClientReply'],
      view: replyView,
    }),
  ],
});
