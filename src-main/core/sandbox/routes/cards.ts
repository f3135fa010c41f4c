// Card tables: the board with its columns embedded, cards in a column, card create / update / move.
import {
  badRequest,
  idList,
  noContent,
  ok,
  requireText,
  text,
  type Family,
  type TypeSpec,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import type { Recording } from '../store.ts';
import { recordActivity } from '../timeline.ts';
import type { View } from '../view.ts';
import { addChild, createdRecording } from './kit.ts';

export const COLUMN_TYPES = [
  'Kanban::Triage',
  'Kanban::NotNowColumn',
  'Kanban::Column',
  'Kanban::DoneColumn',
];

const activeCards = (view: View, column: Recording) =>
  view.store.children(column.id, 'Kanban::Card').filter((c) => c.status === 'active');

const column: TypeSpec = {
  segment: 'card_tables/columns',
  subscribable: true,
  fields: (col, view) => ({
    description: col.fields.description ?? null,
    subscribers: [],
    color: col.fields.color ?? null,
    cards_count: activeCards(view, col).length,
    comment_count: 0,
    cards_url: view.api(`/buckets/${col.bucketId}/card_tables/lists/${col.id}/cards.json`),
  }),
};

export const cards: Family = {
  name: 'cards',
  types: {
    'Kanban::Board': {
      segment: 'card_tables',
      subscribable: true,
      fields: (board, view) => ({
        subscribers: [],
        lists: view.store
          .children(board.id, COLUMN_TYPES)
          .filter((c) => c.status === 'active')
          .map((c) => view.recording(c)),
      }),
    },
    'Kanban::Triage': column,
    'Kanban::NotNowColumn': column,
    'Kanban::Column': column,
    'Kanban::DoneColumn': column,
    'Kanban::Card': {
      segment: 'card_tables/cards',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (card) => String(card.fields.content ?? ''),
      fields: (card, view) => ({
        description: card.fields.content ?? '',
        description_attachments: [],
        completed: Boolean(card.fields.completed),
        content: card.fields.content ?? '',
        due_on: card.fields.due_on ?? null,
        assignees: view.people(card.fields.assignee_ids as number[]),
        completion_subscribers: [],
        completion_url: view.api(`/buckets/${card.bucketId}/todos/${card.id}/completion.json`),
        comment_count: view.commentsCount(card),
        steps: view.store
          .children(card.id, 'Kanban::Step')
          .filter((s) => s.status === 'active')
          .map((s) => view.recording(s)),
      }),
    },
    'Kanban::Step': {
      segment: 'card_tables/steps',
      appPath: (step) =>
        `/buckets/${step.bucketId}/card_tables/cards/${step.parentId}#__recording_${step.id}`,
      fields: (step, view) => ({
        completed: Boolean(step.fields.completed),
        due_on: step.fields.due_on ?? null,
        assignees: view.people(step.fields.assignee_ids as number[]),
        completion_url: view.api(`/buckets/${step.bucketId}/card_tables/steps/${step.id}/completions.json`),
      }),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/card_tables/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Kanban::Board'))),
    },
    {
      method: 'GET',
      path: '/card_tables/columns/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), COLUMN_TYPES))),
    },
    {
      method: 'GET',
      path: '/card_tables/lists/{id}/cards.json',
      bucketAlias: true,
      handler: (ctx) => {
        const col = ctx.find(ctx.id(), COLUMN_TYPES);
        return paginate(
          ctx,
          activeCards(ctx.view, col).map((c) => ctx.view.recording(c)),
        );
      },
    },
    {
      method: 'GET',
      path: '/card_tables/cards/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Kanban::Card'))),
    },
    {
      method: 'POST',
      path: '/card_tables/lists/{id}/cards.json',
      bucketAlias: true,
      handler: (ctx) => {
        const col = ctx.find(ctx.id(), COLUMN_TYPES);
        const card = addChild(ctx, col, {
          type: 'Kanban::Card',
          title: requireText(ctx.body, 'title'),
          fields: {
            content: text(ctx.body, 'content') ?? '',
            due_on: text(ctx.body, 'due_on') ?? null,
            assignee_ids: [],
          },
        });
        return createdRecording(ctx, card);
      },
    },
    {
      method: 'PUT',
      path: '/card_tables/cards/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const card = ctx.find(ctx.id(), 'Kanban::Card');
        if (Object.keys(ctx.body).length === 0)
          throw badRequest('Nothing to update: send title, content, due_on or assignee_ids');
        const title = text(ctx.body, 'title')?.trim();
        const content = text(ctx.body, 'content');
        const assignees = idList(ctx.body, 'assignee_ids');
        ctx.store.update(card.id, {
          ...(title ? { title } : {}),
          fields: {
            ...(content !== undefined ? { content } : {}),
            ...('due_on' in ctx.body ? { due_on: text(ctx.body, 'due_on') || null } : {}),
            ...(assignees ? { assignee_ids: assignees } : {}),
          },
        });
        recordActivity(ctx, card, 'changed');
        return ok(ctx.view.recording(card));
      },
    },
    {
      method: 'POST',
      path: '/card_tables/cards/{id}/moves.json',
      bucketAlias: true,
      handler: (ctx) => {
        const card = ctx.find(ctx.id(), 'Kanban::Card');
        const target = ctx.find(Number(ctx.body.column_id), COLUMN_TYPES);
        if (target.bucketId !== card.bucketId)
          throw badRequest('column_id must be a column of the same card table');
        const position =
          ctx.body.position === undefined
            ? activeCards(ctx.view, target).length + 1
            : Number(ctx.body.position);
        if (!Number.isInteger(position) || position < 1)
          throw badRequest('position must be a whole number >= 1');
        const from = card.parentId;
        ctx.store.move(card.id, position, target.id);
        // A move within its column is a reordering, not a column change.
        if (from !== target.id) recordActivity(ctx, card, 'column_changed');
        return noContent();
      },
    },
  ],
};
