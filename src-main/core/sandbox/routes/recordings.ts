// Generic recording endpoints: trash / archive / unarchive any recording, and the cross-project
// `GET /projects/recordings.json?type=…` listing.
import { badRequest, noContent, type Family, type Route, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import type { RecordingStatus } from '../store.ts';
import { LISTABLE_RECORDING_TYPES } from '../../basecamp/vocabulary.ts';

const LISTABLE: readonly string[] = LISTABLE_RECORDING_TYPES;

function setStatus(status: RecordingStatus): Route {
  return {
    method: 'PUT',
    path: `/recordings/{id}/status/${status}.json`,
    bucketAlias: true,
    handler: (ctx) => {
      const recording = ctx.find(ctx.id());
      ctx.store.update(recording.id, { status });
      return noContent();
    },
  };
}

function listRecordings(ctx: RouteContext) {
  const type = ctx.query.get('type');
  if (!type || !LISTABLE.includes(type)) {
    throw badRequest(`type is required: one of ${LISTABLE.join(', ')}`);
  }
  const status = (ctx.query.get('status') ?? 'active') as RecordingStatus;
  const buckets = ctx.query.get('bucket')?.split(',').map(Number);
  const key = ctx.query.get('sort') === 'updated_at' ? 'updatedAt' : 'createdAt';
  const direction = ctx.query.get('direction') === 'asc' ? 1 : -1;
  const items = ctx.store
    .where((r) => r.type === type && r.status === status && (!buckets || buckets.includes(r.bucketId)))
    .filter((r) => ctx.store.projects.get(r.bucketId)?.status === 'active')
    .sort((a, b) => direction * a[key].localeCompare(b[key]) || direction * (a.id - b.id));
  return paginate(
    ctx,
    items.map((r) => ctx.view.recording(r)),
  );
}

export const recordings: Family = {
  name: 'recordings',
  routes: [
    { method: 'GET', path: '/projects/recordings.json', handler: listRecordings },
    setStatus('trashed'),
    setStatus('archived'),
    setStatus('active'),
  ],
};
