// The activity timeline (`/reports/progress.json`, `/projects/{id}/timeline.json`, a person's progress) in
// Basecamp's shape: `kind` is `<type>_<action>` (todo_created, todo_completed, kanban_card_column_changed…),
// `action` a sentence with who did it ("Ada L. added a to-do"), `target` what it happened on, `title` the
// line Basecamp shows, `summary_excerpt` the item itself in plain text. Creations and completions are read
// from the recordings; changes and moves are logged by the routes that make them. Drafts are not public:
// they have no events until they are published. A recording's own events (`/recordings/{id}/events.json`)
// read the same history (`historyOf`), so the two never disagree.
import type { RouteContext } from './family.ts';
import { plainExcerpt } from './plain-text.ts';
import { accountState } from './routes/kit.ts';
import type { AccountStore, Recording } from './store.ts';

export type LoggedAction = 'changed' | 'column_changed';
type Action = 'created' | 'completed' | LoggedAction;

interface Logged {
  id: number;
  recordingId: number;
  action: LoggedAction;
  creatorId: number;
  createdAt: string;
  /** Where a moved card went (the column's title then). */
  to?: string;
}

interface Words {
  kind: string;
  /** "a to-do": what the sentence says was acted on. */
  noun: string;
  /** What making one is called: "added a to-do", "posted a message". */
  made: string;
  /** The event is told on its parent (a to-do on its list, a comment on what it is about). */
  onParent: boolean;
  /** Its title is the item itself (to-dos, cards), so the summary is the title, not the notes. */
  titled: boolean;
}

const WORDS: Record<string, Words> = {
  Todo: { kind: 'todo', noun: 'a to-do', made: 'added a to-do', onParent: true, titled: true },
  'Kanban::Card': { kind: 'kanban_card', noun: 'a card', made: 'added a card', onParent: true, titled: true },
  Comment: { kind: 'comment', noun: 'a comment', made: 'commented', onParent: true, titled: false },
  'Question::Answer': {
    kind: 'question_answer',
    noun: 'an answer',
    made: 'answered',
    onParent: true,
    titled: false,
  },
  Message: { kind: 'message', noun: 'a message', made: 'posted a message', onParent: false, titled: false },
  Document: {
    kind: 'document',
    noun: 'a document',
    made: 'wrote a document',
    onParent: false,
    titled: false,
  },
  Upload: { kind: 'upload', noun: 'a file', made: 'added a file', onParent: false, titled: false },
  'Schedule::Entry': {
    kind: 'schedule_entry',
    noun: 'an event',
    made: 'scheduled an event',
    onParent: false,
    titled: false,
  },
};

/** Logged events get ids of their own, far from recording ids (a created event is `recording id × 10 + 1`). */
const LOGGED_IDS = 9_000_000_000_000;
const logOf = (store: AccountStore) => accountState(store, 'timeline', () => [] as Logged[]);

/** Note that the signed-in person changed or moved a recording, as Basecamp records it in its history. */
export function recordActivity(ctx: RouteContext, recording: Recording, action: LoggedAction): void {
  const log = logOf(ctx.store);
  const parent = recording.parentId === null ? undefined : ctx.store.get(recording.parentId);
  log.push({
    id: LOGGED_IDS + log.length + 1,
    recordingId: recording.id,
    action,
    creatorId: ctx.me.id,
    createdAt: recording.updatedAt,
    ...(action === 'column_changed' && parent ? { to: parent.title } : {}),
  });
}

/** "Ada Lindqvist" → "Ada L.", as Basecamp names people in timeline sentences. */
function shortName(name: string): string {
  const [first, ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${Array.from(last)[0]}.` : (first ?? '');
}

/** One thing that happened to a recording: what `events.json` lists and the timeline tells. */
export interface Happening {
  id: number;
  recording: Recording;
  action: Action;
  creatorId: number;
  createdAt: string;
  to?: string;
}

function eventJson(ctx: RouteContext, happening: Happening): Record<string, unknown> {
  const { recording: r, action } = happening;
  const words = WORDS[r.type]!;
  const parent = r.parentId === null ? undefined : ctx.store.get(r.parentId);
  const who = shortName(ctx.store.people.get(happening.creatorId)?.name ?? 'Someone');
  const phrase =
    action === 'created'
      ? words.made
      : action === 'completed'
        ? `completed ${words.noun}`
        : action === 'changed'
          ? `changed ${words.noun}`
          : `moved ${words.noun} to ${happening.to ?? parent?.title ?? 'another column'}`;
  const verb = phrase.split(' ')[0]!;
  const target = words.onParent ? (happening.to ?? parent?.title ?? r.title) : r.title;
  const body = String(r.fields.content ?? r.fields.description ?? '');
  return {
    id: happening.id,
    created_at: happening.createdAt,
    kind: `${words.kind}_${action}`,
    parent_recording_id: r.parentId,
    url: ctx.view.url(r),
    app_url: ctx.view.appUrl(r),
    creator: ctx.view.personById(happening.creatorId),
    action: `${who} ${phrase}`,
    target,
    title: words.onParent ? `On “${target}”, ${who} ${verb}` : `${who} ${verb} “${target}”`,
    summary_excerpt: words.titled ? r.title : plainExcerpt(body),
    avatars_sample: [],
    bucket: ctx.view.bucket(r.bucketId),
  };
}

/** What the recording itself shows happened: its creation, and its completion while it is completed. */
function derived(r: Recording): Happening[] {
  const out: Happening[] = [
    { id: r.id * 10 + 1, recording: r, action: 'created', creatorId: r.creatorId, createdAt: r.createdAt },
  ];
  if (r.fields.completed === true)
    out.push({
      id: r.id * 10 + 3,
      recording: r,
      action: 'completed',
      creatorId: Number(r.fields.completer_id ?? r.creatorId),
      createdAt: String(r.fields.completed_at ?? r.updatedAt),
    });
  return out;
}

const newestFirst = (a: Happening, b: Happening) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/** Everything that happened to one recording, newest first. */
export function historyOf(store: AccountStore, recording: Recording): Happening[] {
  const logged = logOf(store)
    .filter((entry) => entry.recordingId === recording.id)
    .map((entry) => ({ ...entry, recording }));
  return [...derived(recording), ...logged].sort(newestFirst);
}

function happenings(store: AccountStore): Happening[] {
  const told = (r: Recording | undefined): r is Recording => !!r && !!WORDS[r.type] && !r.fields.draft;
  const out = [...store.recordings.values()].filter(told).flatMap(derived);
  for (const entry of logOf(store)) {
    const recording = store.get(entry.recordingId);
    if (told(recording)) out.push({ ...entry, recording });
  }
  return out;
}

/**
 * The timeline, newest first: the events on recordings `visible` lets through whose recording and doer
 * `keep` accepts.
 */
export function timeline(
  ctx: RouteContext,
  visible: (r: Recording) => boolean,
  keep: (r: Recording, doerId: number) => boolean,
): Record<string, unknown>[] {
  return happenings(ctx.store)
    .filter((h) => visible(h.recording) && keep(h.recording, h.creatorId))
    .sort(newestFirst)
    .map((h) => eventJson(ctx, h));
}
