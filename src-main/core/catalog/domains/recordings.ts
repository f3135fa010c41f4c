import { z } from 'zod';
import type { RecordView } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { id, ids, line } from '../params.ts';
import { by, count, day, inProject, names, obj, str, when } from '../facts.ts';
import { LISTABLE_RECORDING_TYPES } from '../../basecamp/vocabulary.ts';

const recordingView: RecordView = {
  noun: 'recording',
  facts: (r) => [str(r.type), r.status !== 'active' && str(r.status), by(r), day(r.updated_at), inProject(r)],
  keep: ['type', 'status', 'creator', 'updated_at', 'parent', 'bucket'],
};

const eventView: RecordView = {
  noun: 'event',
  title: (r) => [str(obj(r.creator)?.name), str(r.action)?.replace(/_/g, ' ')].filter(Boolean).join(' '),
  facts: (r) => [when(r.created_at), count(r.boosts_count, 'boost')],
  keep: ['recording_id', 'action', 'details', 'created_at', 'creator', 'boosts_count'],
};

const boostView: RecordView = {
  noun: 'boost',
  title: (r) => `${str(obj(r.booster)?.name) ?? 'someone'}: ${str(r.content) ?? ''}`,
  facts: (r) => [when(r.created_at)],
  keep: ['content', 'booster', 'recording', 'created_at'],
};

const subscriptionView: RecordView = {
  noun: 'subscription',
  title: (r) => (r.subscribed === true ? 'You are subscribed' : 'You are not subscribed'),
  facts: (r) => [typeof r.count === 'number' && `${r.count} subscribers`, names(r.subscribers)],
  keep: ['subscribed', 'count', 'subscribers'],
};

const bookmarkView: RecordView = {
  noun: 'bookmark',
  title: (r) =>
    r.bookmarked === false ? 'Not bookmarked' : `Bookmarked: ${str(obj(r.recording)?.title) ?? 'this item'}`,
  facts: (r) => [str(obj(r.recording)?.type), day(r.created_at)],
  keep: ['bookmarked', 'recording', 'created_at'],
};

const recordingId = id('The id of the recording (to-do, message, document, card, comment, …)');

export default defineDomain({
  name: 'recordings',
  title: 'Any recording',
  summary:
    'What works on every Basecamp item: list by type across projects, trash, archive and restore, history (events), boosts, subscriptions, bookmarks and client visibility.',
  operations: [
    defineOperation({
      id: 'recordings.list',
      domain: 'recordings',
      action: 'list',
      title: 'List recordings by type',
      summary:
        'Items of one type across all projects (or some), newest first — e.g. every document, or every to-do list.',
      method: 'GET',
      path: '/projects/recordings.json',
      params: z.object({
        type: z.enum(LISTABLE_RECORDING_TYPES).describe('Which kind of item'),
        project_ids: z
          .string()
          .regex(/^\d+(,\d+)*$/, 'must be project ids separated by commas, e.g. 12,34')
          .optional()
          .describe('Only in these projects: ids separated by commas'),
        status: z.enum(['active', 'archived', 'trashed']).optional().describe('Default: active'),
        sort: z
          .enum(['created_at', 'updated_at'])
          .optional()
          .describe('Order by creation or last update (default)'),
        direction: z.enum(['asc', 'desc']).optional().describe('Oldest or newest (default) first'),
      }),
      query: ['type', 'project_ids', 'status', 'sort', 'direction'],
      wireNames: { project_ids: 'bucket' },
      kind: 'read',
      paginated: true,
      openapi: ['ListRecordings'],
      view: recordingView,
    }),
    // Trash and archive name the item by id only: Basecamp has no GET for a recording of unknown type (only
    // typed reads and a by-type list), and the status change answers 204 with no body, so no title is cheap.
    defineOperation({
      id: 'recordings.trash',
      domain: 'recordings',
      action: 'trash',
      title: 'Trash an item',
      summary:
        'Move any item (to-do, message, document, card, comment, list, file…) to the trash; it can be restored from there within 30 days.',
      method: 'PUT',
      path: '/recordings/{recording_id}/status/trashed.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'destructive',
      openapi: ['TrashRecording'],
    }),
    defineOperation({
      id: 'recordings.archive',
      domain: 'recordings',
      action: 'archive',
      title: 'Archive an item',
      summary: 'Archive an item so it no longer shows among active ones (restore brings it back).',
      method: 'PUT',
      path: '/recordings/{recording_id}/status/archived.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'destructive',
      openapi: ['ArchiveRecording'],
    }),
    defineOperation({
      id: 'recordings.restore',
      domain: 'recordings',
      action: 'restore',
      title: 'Restore an item',
      summary: 'Bring a trashed or archived item back to active.',
      method: 'PUT',
      path: '/recordings/{recording_id}/status/active.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'write',
      openapi: ['UnarchiveRecording'],
    }),
    defineOperation({
      id: 'recordings.events',
      domain: 'recordings',
      action: 'events',
      title: 'History of an item',
      summary: 'What happened to an item: created, changed, completed, moved…, with who and when.',
      method: 'GET',
      path: '/recordings/{recording_id}/events.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'read',
      paginated: true,
      openapi: ['ListEvents'],
      view: eventView,
    }),
    defineOperation({
      id: 'recordings.boosts',
      domain: 'recordings',
      action: 'boosts',
      title: 'List boosts',
      summary: 'The boosts (short reactions) on an item.',
      method: 'GET',
      path: '/recordings/{recording_id}/boosts.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'read',
      paginated: true,
      openapi: ['ListRecordingBoosts'],
      view: boostView,
    }),
    defineOperation({
      id: 'recordings.boost',
      domain: 'recordings',
      action: 'boost',
      title: 'Boost an item',
      summary: 'Add a boost (a short reaction, up to 16 characters or an emoji) to an item.',
      method: 'POST',
      path: '/recordings/{recording_id}/boosts.json',
      params: z.object({ recording_id: recordingId, content: line('The boost, e.g. 🎉 or Nice!', 16) }),
      kind: 'write',
      openapi: ['CreateRecordingBoost'],
      view: boostView,
    }),
    defineOperation({
      id: 'recordings.event_boosts',
      domain: 'recordings',
      action: 'event_boosts',
      title: 'List boosts on an event',
      summary: 'The boosts on one event of an item (a completion, an adoption or a column change).',
      method: 'GET',
      path: '/recordings/{recording_id}/events/{event_id}/boosts.json',
      params: z.object({ recording_id: recordingId, event_id: id('The event id (from events)') }),
      kind: 'read',
      paginated: true,
      openapi: ['ListEventBoosts'],
      view: boostView,
    }),
    defineOperation({
      id: 'recordings.boost_event',
      domain: 'recordings',
      action: 'boost_event',
      title: 'Boost an event',
      summary: 'Boost one event of an item, e.g. someone completing a to-do.',
      method: 'POST',
      path: '/recordings/{recording_id}/events/{event_id}/boosts.json',
      params: z.object({
        recording_id: recordingId,
        event_id: id('The event id (from events)'),
        content: line('The boost, e.g. 🎉 or Nice!', 16),
      }),
      kind: 'write',
      openapi: ['CreateEventBoost'],
      view: boostView,
    }),
    defineOperation({
      id: 'recordings.get_boost',
      domain: 'recordings',
      action: 'get_boost',
      title: 'Get a boost',
      summary: 'One boost.',
      method: 'GET',
      path: '/boosts/{boost_id}.json',
      params: z.object({ boost_id: id('The boost id') }),
      kind: 'read',
      openapi: ['GetBoost'],
      view: boostView,
    }),
    defineOperation({
      id: 'recordings.delete_boost',
      domain: 'recordings',
      action: 'delete_boost',
      title: 'Delete a boost',
      summary: 'Remove one of your boosts.',
      method: 'DELETE',
      path: '/boosts/{boost_id}.json',
      params: z.object({ boost_id: id('The boost id') }),
      kind: 'destructive',
      openapi: ['DeleteBoost'],
    }),
    defineOperation({
      id: 'recordings.subscription',
      domain: 'recordings',
      action: 'subscription',
      title: 'Who is notified',
      summary: 'Whether you are subscribed to an item and who else is.',
      method: 'GET',
      path: '/recordings/{recording_id}/subscription.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'read',
      openapi: ['GetSubscription'],
      view: subscriptionView,
    }),
    defineOperation({
      id: 'recordings.subscribe',
      domain: 'recordings',
      action: 'subscribe',
      title: 'Subscribe to an item',
      summary: 'Get notified about new comments and changes on an item.',
      method: 'POST',
      path: '/recordings/{recording_id}/subscription.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'write',
      idempotent: true,
      openapi: ['Subscribe'],
      readBack: {
        path: '/recordings/{recording_id}/subscription.json',
        check: (s) =>
          s.subscribed === true ? undefined : 'Basecamp answered OK but you are not subscribed.',
      },
      view: subscriptionView,
    }),
    defineOperation({
      id: 'recordings.unsubscribe',
      domain: 'recordings',
      action: 'unsubscribe',
      title: 'Unsubscribe from an item',
      summary: 'Stop notifications about an item.',
      method: 'DELETE',
      path: '/recordings/{recording_id}/subscription.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'write',
      openapi: ['Unsubscribe'],
      readBack: {
        path: '/recordings/{recording_id}/subscription.json',
        check: (s) =>
          s.subscribed === false ? undefined : 'Basecamp answered OK but you are still subscribed.',
      },
    }),
    defineOperation({
      id: 'recordings.update_subscribers',
      domain: 'recordings',
      action: 'update_subscribers',
      title: 'Change who is notified',
      summary: 'Add people to or remove people from the subscribers of an item.',
      method: 'PUT',
      path: '/recordings/{recording_id}/subscription.json',
      params: z.object({
        recording_id: recordingId,
        subscriptions: ids('People to subscribe').optional(),
        unsubscriptions: ids('People to unsubscribe').optional(),
      }),
      kind: 'write',
      idempotent: true,
      openapi: ['UpdateSubscription'],
      view: subscriptionView,
    }),
    defineOperation({
      id: 'recordings.bookmark',
      domain: 'recordings',
      action: 'bookmark',
      title: 'Is it bookmarked',
      summary: 'Whether you bookmarked an item.',
      method: 'GET',
      path: '/recordings/{recording_id}/bookmark.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'read',
      openapi: ['GetBookmark'],
      view: bookmarkView,
    }),
    defineOperation({
      id: 'recordings.add_bookmark',
      domain: 'recordings',
      action: 'add_bookmark',
      title: 'Bookmark an item',
      summary: 'Bookmark an item so it shows in your bookmarks.',
      method: 'POST',
      path: '/recordings/{recording_id}/bookmark.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'write',
      idempotent: true,
      openapi: ['CreateBookmark'],
      view: bookmarkView,
    }),
    defineOperation({
      id: 'recordings.remove_bookmark',
      domain: 'recordings',
      action: 'remove_bookmark',
      title: 'Remove a bookmark',
      summary: 'Remove your bookmark from an item (the item itself stays).',
      method: 'DELETE',
      path: '/recordings/{recording_id}/bookmark.json',
      params: z.object({ recording_id: recordingId }),
      kind: 'write',
      openapi: ['DeleteBookmark'],
    }),
    defineOperation({
      id: 'recordings.client_visibility',
      domain: 'recordings',
      action: 'client_visibility',
      title: 'Show or hide from clients',
      summary:
        'Make an item (message, to-do list, document…) visible to the project’s clients or hide it from them.',
      method: 'PUT',
      path: '/recordings/{recording_id}/client_visibility.json',
      params: z.object({
        recording_id: recordingId,
        visible_to_clients: z.boolean().describe('true: clients can see it; false: hidden from clients'),
      }),
      kind: 'write',
      openapi: ['SetClientVisibility'],
      view: recordingView,
    }),
  ],
});
