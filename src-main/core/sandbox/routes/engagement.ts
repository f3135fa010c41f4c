// What works on any recording: its history (events), boosts, subscriptions, bookmarks and client
// visibility. Events are the recording's history as the timeline keeps it; the rest is kept per account.
import {
  badRequest,
  created,
  HttpError,
  noContent,
  notFound,
  ok,
  requireText,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import type { AccountStore, Recording } from '../store.ts';
import { historyOf } from '../timeline.ts';
import { accountState, subscribers } from './kit.ts';

interface Boost {
  id: number;
  content: string;
  createdAt: string;
  boosterId: number;
  recordingId: number;
  eventId: number | null;
}

interface Bookmark {
  id: number;
  createdAt: string;
}

const boosts = (store: AccountStore) => accountState(store, 'boosts', () => new Map<number, Boost>());
export const bookmarks = (store: AccountStore) =>
  accountState(store, 'bookmarks', () => new Map<number, Bookmark>());

/** The events Basecamp lets people boost. */
const BOOSTABLE = new Set(['completed', 'adopted', 'column_changed']);

/** A recording's events, newest first: the same history the activity timeline tells. */
export function eventsOf(ctx: RouteContext, recording: Recording): Record<string, unknown>[] {
  const base = `/buckets/${recording.bucketId}/recordings/${recording.id}/events`;
  return historyOf(ctx.store, recording).map((event) => {
    const count = [...boosts(ctx.store).values()].filter((b) => b.eventId === event.id).length;
    return {
      id: event.id,
      recording_id: recording.id,
      action: event.action,
      details: {},
      created_at: event.createdAt,
      creator: ctx.view.personById(event.creatorId),
      ...(BOOSTABLE.has(event.action)
        ? { boosts_count: count, boosts_url: ctx.view.api(`${base}/${event.id}/boosts.json`) }
        : {}),
    };
  });
}

function boostJson(ctx: RouteContext, boost: Boost) {
  const recording = ctx.store.get(boost.recordingId);
  return {
    id: boost.id,
    content: boost.content,
    created_at: boost.createdAt,
    booster: ctx.view.personById(boost.boosterId),
    recording: recording ? ctx.view.ref(recording) : null,
  };
}

function addBoost(ctx: RouteContext, recording: Recording, eventId: number | null) {
  const content = requireText(ctx.body, 'content');
  if ([...content].length > 16) throw badRequest('A boost is at most 16 characters');
  const boost: Boost = {
    id: ctx.store.nextId(),
    content,
    createdAt: ctx.store.now(),
    boosterId: ctx.me.id,
    recordingId: recording.id,
    eventId,
  };
  boosts(ctx.store).set(boost.id, boost);
  return created(boostJson(ctx, boost));
}

function subscriptionJson(ctx: RouteContext, recording: Recording) {
  const set = subscribers(ctx.store, recording);
  return {
    subscribed: set.has(ctx.me.id),
    count: set.size,
    url: ctx.view.api(`/buckets/${recording.bucketId}/recordings/${recording.id}/subscription.json`),
    subscribers: ctx.view.people([...set]),
  };
}

function bookmarkJson(ctx: RouteContext, recording: Recording, bookmark: Bookmark) {
  return {
    id: bookmark.id,
    created_at: bookmark.createdAt,
    updated_at: bookmark.createdAt,
    recording: ctx.view.recording(recording),
  };
}

const anyRecording = (ctx: RouteContext) => ctx.find(ctx.id());

export const engagement: Family = {
  name: 'engagement',
  routes: [
    {
      method: 'GET',
      path: '/recordings/{id}/events.json',
      bucketAlias: true,
      handler: (ctx) => paginate(ctx, eventsOf(ctx, anyRecording(ctx))),
    },
    {
      method: 'GET',
      path: '/recordings/{id}/boosts.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        const list = [...boosts(ctx.store).values()].filter(
          (b) => b.recordingId === recording.id && b.eventId === null,
        );
        return paginate(
          ctx,
          list.map((b) => boostJson(ctx, b)),
        );
      },
    },
    {
      method: 'POST',
      path: '/recordings/{id}/boosts.json',
      bucketAlias: true,
      handler: (ctx) => addBoost(ctx, anyRecording(ctx), null),
    },
    {
      method: 'GET',
      path: '/recordings/{id}/events/{event}/boosts.json',
      bucketAlias: true,
      handler: (ctx) => {
        anyRecording(ctx);
        const event = ctx.id('event');
        return paginate(
          ctx,
          [...boosts(ctx.store).values()].filter((b) => b.eventId === event).map((b) => boostJson(ctx, b)),
        );
      },
    },
    {
      method: 'POST',
      path: '/recordings/{id}/events/{event}/boosts.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        const event = eventsOf(ctx, recording).find((e) => e.id === ctx.id('event'));
        if (!event) throw notFound();
        if (!BOOSTABLE.has(String(event.action)))
          throw new HttpError(403, 'Only completed, adopted and column_changed events can be boosted');
        return addBoost(ctx, recording, Number(event.id));
      },
    },
    {
      method: 'GET',
      path: '/boosts/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const boost = boosts(ctx.store).get(ctx.id());
        if (!boost) throw notFound();
        return ok(boostJson(ctx, boost));
      },
    },
    {
      method: 'DELETE',
      path: '/boosts/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const boost = boosts(ctx.store).get(ctx.id());
        if (!boost) throw notFound();
        if (boost.boosterId !== ctx.me.id) throw new HttpError(403, 'You can only remove your own boosts');
        boosts(ctx.store).delete(boost.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/recordings/{id}/subscription.json',
      bucketAlias: true,
      handler: (ctx) => ok(subscriptionJson(ctx, anyRecording(ctx))),
    },
    {
      method: 'POST',
      path: '/recordings/{id}/subscription.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        subscribers(ctx.store, recording).add(ctx.me.id);
        return ok(subscriptionJson(ctx, recording));
      },
    },
    {
      method: 'DELETE',
      path: '/recordings/{id}/subscription.json',
      bucketAlias: true,
      handler: (ctx) => {
        subscribers(ctx.store, anyRecording(ctx)).delete(ctx.me.id);
        return noContent();
      },
    },
    {
      method: 'PUT',
      path: '/recordings/{id}/subscription.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        const set = subscribers(ctx.store, recording);
        const list = (key: string) =>
          Array.isArray(ctx.body[key]) ? (ctx.body[key] as unknown[]).map(Number) : [];
        for (const id of list('subscriptions')) if (ctx.store.people.has(id)) set.add(id);
        for (const id of list('unsubscriptions')) set.delete(id);
        return ok(subscriptionJson(ctx, recording));
      },
    },
    {
      method: 'GET',
      path: '/recordings/{id}/bookmark.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        const bookmark = bookmarks(ctx.store).get(recording.id);
        return ok(
          bookmark ? { bookmarked: true, ...bookmarkJson(ctx, recording, bookmark) } : { bookmarked: false },
        );
      },
    },
    {
      method: 'POST',
      path: '/recordings/{id}/bookmark.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        const map = bookmarks(ctx.store);
        const bookmark = map.get(recording.id) ?? { id: ctx.store.nextId(), createdAt: ctx.store.now() };
        map.set(recording.id, bookmark);
        return created(bookmarkJson(ctx, recording, bookmark));
      },
    },
    {
      method: 'DELETE',
      path: '/recordings/{id}/bookmark.json',
      bucketAlias: true,
      handler: (ctx) => {
        bookmarks(ctx.store).delete(anyRecording(ctx).id);
        return noContent();
      },
    },
    {
      method: 'PUT',
      path: '/recordings/{id}/client_visibility.json',
      bucketAlias: true,
      handler: (ctx) => {
        const recording = anyRecording(ctx);
        if (typeof ctx.body.visible_to_clients !== 'boolean')
          throw badRequest('visible_to_clients must be true or false');
        ctx.store.update(recording.id, { visibleToClients: ctx.body.visible_to_clients });
        return ok(ctx.view.recording(recording));
      },
    },
  ],
};
