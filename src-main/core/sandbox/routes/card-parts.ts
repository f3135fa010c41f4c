// Card tables beyond cards: making and arranging columns (color, on hold, watching), card steps,
// and wormholes to other card tables.
import {
  badRequest,
  idList,
  invalid,
  noContent,
  notFound,
  ok,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { COLUMN_TYPES } from './cards.ts';
import { getRecording, subscribers, addChild, createdRecording } from './kit.ts';
import { BASECAMP_COLORS } from '../../basecamp/vocabulary.ts';

const COLORS: readonly string[] = BASECAMP_COLORS;

function position(value: unknown, min = 1): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw badRequest(`position must be a whole number >= ${min}`);
  return n;
}

function onHold(ctx: RouteContext, enable: boolean) {
  const column = ctx.find(ctx.id(), COLUMN_TYPES);
  if (column.type !== 'Kanban::Column') throw badRequest('Only a regular column can have an on-hold section');
  ctx.store.update(column.id, {
    fields: {
      on_hold: enable
        ? {
            id: column.id + 500_000_000,
            status: 'active',
            inherits_status: true,
            title: 'On hold',
            created_at: ctx.store.now(),
            updated_at: ctx.store.now(),
            cards_count: 0,
            cards_url: ctx.view.api(
              `/buckets/${column.bucketId}/card_tables/lists/${column.id}/on_hold/cards.json`,
            ),
          }
        : null,
    },
  });
  return ok(ctx.view.recording(column));
}

export const cardParts: Family = {
  name: 'card-parts',
  types: {
    'Kanban::Wormhole': {
      segment: 'card_tables/wormholes',
      fields: (w, view) => {
        const destination = view.store.get(Number(w.fields.destination_recording_id));
        return {
          color: null,
          linked: Boolean(destination),
          destination_url: destination ? view.url(destination) : null,
        };
      },
    },
  },
  routes: [
    {
      method: 'POST',
      path: '/card_tables/{id}/columns.json',
      bucketAlias: true,
      handler: (ctx) => {
        const table = ctx.find(ctx.id(), 'Kanban::Board');
        // New columns go before the Done column, as in Basecamp.
        const columns = ctx.store.children(table.id, COLUMN_TYPES);
        const done = columns.find((c) => c.type === 'Kanban::DoneColumn');
        const column = addChild(ctx, table, {
          type: 'Kanban::Column',
          title: requireText(ctx.body, 'title'),
          fields: { description: text(ctx.body, 'description') ?? '' },
        });
        if (done) ctx.store.move(column.id, columns.length, table.id);
        return createdRecording(ctx, column);
      },
    },
    {
      method: 'PUT',
      path: '/card_tables/columns/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const column = ctx.find(ctx.id(), COLUMN_TYPES);
        const title = text(ctx.body, 'title')?.trim();
        ctx.store.update(column.id, {
          ...(title ? { title } : {}),
          fields:
            ctx.body.description !== undefined ? { description: text(ctx.body, 'description') ?? '' } : {},
        });
        return ok(ctx.view.recording(column));
      },
    },
    {
      method: 'POST',
      path: '/card_tables/{id}/moves.json',
      bucketAlias: true,
      handler: (ctx) => {
        const table = ctx.find(ctx.id(), 'Kanban::Board');
        const column = ctx.find(Number(ctx.body.source_id), COLUMN_TYPES);
        if (Number(ctx.body.target_id) !== table.id || column.parentId !== table.id)
          throw badRequest('source_id must be a column of this card table and target_id the card table');
        ctx.store.move(column.id, position(ctx.body.position) ?? 1, table.id);
        return noContent();
      },
    },
    {
      method: 'PUT',
      path: '/buckets/{bucket}/card_tables/columns/{id}/color.json',
      handler: (ctx) => {
        const column = ctx.find(ctx.id(), COLUMN_TYPES);
        const color = requireText(ctx.body, 'color');
        if (!COLORS.includes(color)) throw badRequest(`color must be one of ${COLORS.join(', ')}`);
        ctx.store.update(column.id, { fields: { color } });
        return ok(ctx.view.recording(column));
      },
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/card_tables/columns/{id}/on_hold.json',
      handler: (ctx) => onHold(ctx, true),
    },
    {
      method: 'DELETE',
      path: '/buckets/{bucket}/card_tables/columns/{id}/on_hold.json',
      handler: (ctx) => onHold(ctx, false),
    },
    ...(['POST', 'DELETE'] as const).map((method) => ({
      method,
      path: '/card_tables/lists/{id}/subscription.json',
      bucketAlias: true,
      handler: (ctx: RouteContext) => {
        const column = ctx.find(ctx.id(), COLUMN_TYPES);
        const set = subscribers(ctx.store, column);
        if (method === 'POST') set.add(ctx.me.id);
        else set.delete(ctx.me.id);
        return noContent();
      },
    })),
    getRecording('/card_tables/steps/{id}.json', 'Kanban::Step'),
    {
      method: 'POST',
      path: '/card_tables/cards/{id}/steps.json',
      bucketAlias: true,
      handler: (ctx) => {
        const card = ctx.find(ctx.id(), 'Kanban::Card');
        const step = addChild(ctx, card, {
          type: 'Kanban::Step',
          title: requireText(ctx.body, 'title'),
          fields: {
            completed: false,
            due_on: text(ctx.body, 'due_on') ?? null,
            assignee_ids: idList(ctx.body, 'assignee_ids') ?? [],
          },
        });
        return createdRecording(ctx, step);
      },
    },
    {
      method: 'PUT',
      path: '/card_tables/steps/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const step = ctx.find(ctx.id(), 'Kanban::Step');
        if (Object.keys(ctx.body).length === 0)
          throw badRequest('Nothing to update: send title, due_on or assignee_ids');
        const title = text(ctx.body, 'title')?.trim();
        const assignees = idList(ctx.body, 'assignee_ids');
        ctx.store.update(step.id, {
          ...(title ? { title } : {}),
          fields: {
            ...('due_on' in ctx.body ? { due_on: text(ctx.body, 'due_on') || null } : {}),
            ...(assignees ? { assignee_ids: assignees } : {}),
          },
        });
        return ok(ctx.view.recording(step));
      },
    },
    {
      method: 'PUT',
      path: '/card_tables/steps/{id}/completions.json',
      bucketAlias: true,
      handler: (ctx) => {
        const step = ctx.find(ctx.id(), 'Kanban::Step');
        const completion = text(ctx.body, 'completion');
        if (completion !== 'on' && completion !== 'off') throw badRequest('completion must be "on" or "off"');
        ctx.store.update(step.id, { fields: { completed: completion === 'on' } });
        return ok(ctx.view.recording(step));
      },
    },
    {
      method: 'POST',
      path: '/card_tables/cards/{id}/positions.json',
      bucketAlias: true,
      handler: (ctx) => {
        const card = ctx.find(ctx.id(), 'Kanban::Card');
        const step = ctx.find(Number(ctx.body.source_id), 'Kanban::Step');
        if (step.parentId !== card.id) throw notFound();
        // The docs call step positions 0-based.
        ctx.store.move(step.id, (position(ctx.body.position, 0) ?? 0) + 1);
        return ok(ctx.view.recording(card));
      },
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/card_tables/{id}/wormholes.json',
      handler: (ctx) => {
        const table = ctx.find(ctx.id(), 'Kanban::Board');
        const destination = ctx.store.get(Number(ctx.body.destination_recording_id));
        if (!destination || !COLUMN_TYPES.includes(destination.type))
          throw invalid('destination_recording_id must be a column');
        const wormhole = addChild(ctx, table, {
          type: 'Kanban::Wormhole',
          title: `→ ${destination.title}`,
          fields: { destination_recording_id: destination.id },
        });
        return createdRecording(ctx, wormhole);
      },
    },
    {
      method: 'PUT',
      path: '/buckets/{bucket}/card_tables/wormholes/{id}.json',
      handler: (ctx) => {
        const wormhole = ctx.find(ctx.id(), 'Kanban::Wormhole');
        const destination = ctx.store.get(Number(ctx.body.destination_recording_id));
        if (!destination || !COLUMN_TYPES.includes(destination.type))
          throw invalid('destination_recording_id must be a column');
        ctx.store.update(wormhole.id, {
          title: `→ ${destination.title}`,
          fields: { destination_recording_id: destination.id },
        });
        return ok(ctx.view.recording(wormhole));
      },
    },
    {
      method: 'DELETE',
      path: '/buckets/{bucket}/card_tables/wormholes/{id}.json',
      handler: (ctx) => {
        const wormhole = ctx.find(ctx.id(), 'Kanban::Wormhole');
        ctx.store.update(wormhole.id, { status: 'trashed' });
        return noContent();
      },
    },
  ],
};
