// Small route builders shared by the families added with the full catalog (check-ins, forwards,
// client side, files, reports, …): get one recording, list a parent's children, per-account state
// for the few things that are not recordings (templates, folders, markers, preferences…).
import { created, ok, type Route, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import type { AccountStore, NewRecording, Recording, RecordingStatus } from '../store.ts';

export const activeChildren = (
  store: AccountStore,
  parentId: number,
  types: string | readonly string[],
): Recording[] => store.children(parentId, types).filter((r) => r.status === 'active');

/** `GET path` → the recording `{id}` of one of these types (404 otherwise), flat and bucket forms. */
export function getRecording(path: string, types: string | readonly string[], param = 'id'): Route {
  return {
    method: 'GET',
    path,
    bucketAlias: true,
    handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(param), types))),
  };
}

/** `GET path` → the active children (of some types) of the recording `{id}`, paginated. */
export function listChildren(
  path: string,
  parentTypes: string | readonly string[],
  childTypes: string | readonly string[],
  order: (a: Recording, b: Recording) => number = () => 0,
): Route {
  return {
    method: 'GET',
    path,
    bucketAlias: true,
    handler: (ctx) => {
      const parent = ctx.find(ctx.id(), parentTypes);
      const items = [...activeChildren(ctx.store, parent.id, childTypes)].sort(order);
      return paginate(
        ctx,
        items.map((r) => ctx.view.recording(r)),
      );
    },
  };
}

/** A new recording by the signed-in person, under `parent` and in its project. */
export function addChild(
  ctx: RouteContext,
  parent: Recording,
  recording: Omit<NewRecording, 'bucketId' | 'parentId' | 'creatorId'>,
): Recording {
  return ctx.store.add({
    ...recording,
    bucketId: parent.bucketId,
    parentId: parent.id,
    creatorId: ctx.me.id,
  });
}

/** 201 with the recording as Basecamp shows it, and its URL as the Location. */
export function createdRecording(ctx: RouteContext, recording: Recording) {
  return created(ctx.view.recording(recording), ctx.view.url(recording));
}

/** `?status=archived|trashed` for lists that can show those; anything else means the active ones. */
export function statusFilter(ctx: RouteContext): RecordingStatus {
  const status = ctx.query.get('status');
  return status === 'archived' || status === 'trashed' ? status : 'active';
}

export const newestFirst = (a: Recording, b: Recording): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/** Account-level things that are not recordings, kept beside the store (one bag per account). */
const bags = new WeakMap<AccountStore, Map<string, unknown>>();

export function accountState<T>(store: AccountStore, key: string, init: () => T): T {
  let bag = bags.get(store);
  if (!bag) bags.set(store, (bag = new Map()));
  if (!bag.has(key)) bag.set(key, init());
  return bag.get(key) as T;
}

/** The project a bucket-scoped route names, or the one of the recording it names. */
export function bucketOf(ctx: RouteContext, recording?: Recording): number {
  return ctx.bucketId ?? recording?.bucketId ?? 0;
}

/** Who is subscribed to a recording (default: its creator), kept per account. */
export function subscribers(store: AccountStore, recording: Recording): Set<number> {
  const all = accountState(store, 'subscriptions', () => new Map<number, Set<number>>());
  let set = all.get(recording.id);
  if (!set) all.set(recording.id, (set = new Set([recording.creatorId])));
  return set;
}
