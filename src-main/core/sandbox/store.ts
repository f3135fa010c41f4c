// The sandbox account's data, kept generic on purpose: every Basecamp thing that lives in a
// project is a recording (id, type, bucket, parent, creator, timestamps, status) with a bag of
// type-specific fields. New endpoint families add types, never new tables.
import { renderRichFields } from './rich-content.ts';

export type RecordingStatus = 'active' | 'archived' | 'trashed';

export interface Person {
  id: number;
  name: string;
  email_address: string;
  personable_type: 'User' | 'Client' | 'DummyUser';
  title: string | null;
  bio: string | null;
  location: string | null;
  created_at: string;
  updated_at: string;
  admin: boolean;
  owner: boolean;
  client: boolean;
  employee: boolean;
  time_zone: string;
  company: { id: number; name: string };
}

export interface DockTool {
  /** The tool's recording id. */
  id: number;
  /** `message_board`, `todoset`, `vault`, `chat`, `schedule`, `questionnaire`, `inbox`, `kanban_board`. */
  name: string;
  enabled: boolean;
  position: number | null;
}

export interface Project {
  id: number;
  name: string;
  description: string;
  status: RecordingStatus;
  purpose: 'topic' | 'team' | 'company_hq';
  created_at: string;
  updated_at: string;
  clients_enabled: boolean;
  timesheet_enabled: boolean;
  color: string | null;
  dock: DockTool[];
  /** Person ids with access to the project. */
  people: number[];
}

export interface Recording {
  id: number;
  /** Basecamp's type name: `Todo`, `Todolist`, `Message`, `Kanban::Card`, `Chat::Lines::Text`, … */
  type: string;
  bucketId: number;
  parentId: number | null;
  creatorId: number;
  title: string;
  status: RecordingStatus;
  visibleToClients: boolean;
  createdAt: string;
  updatedAt: string;
  /** Order among siblings (1-based) where the type has one. */
  position: number | null;
  /** Type-specific fields (content, description, due_on, assignee_ids, completed, …). */
  fields: Record<string, unknown>;
}

export interface NewRecording {
  type: string;
  bucketId: number;
  parentId?: number | null;
  creatorId: number;
  title: string;
  status?: RecordingStatus;
  visibleToClients?: boolean;
  createdAt?: string;
  position?: number | null;
  fields?: Record<string, unknown>;
}

export interface AccountInfo {
  id: number;
  name: string;
}

export interface AccountStoreOptions {
  account: AccountInfo;
  /** First id handed out; ids are unique across people, projects and recordings of the account. */
  firstId: number;
  /** Where the store's clock starts (ISO); it ticks a second per write so updates are ordered. */
  clockStart: string;
}

/** One bc3 account: its people, projects and recordings. */
export class AccountStore {
  readonly account: AccountInfo;
  readonly people = new Map<number, Person>();
  readonly projects = new Map<number, Project>();
  readonly recordings = new Map<number, Recording>();
  /** The person the sandbox's tokens act as. */
  meId = 0;
  /** The sandbox's "today" (YYYY-MM-DD), which seeded due dates and the due-assignment scopes are relative to. */
  today = new Date().toISOString().slice(0, 10);
  /** Active projects allowed before `POST /projects.json` answers 507 (null: no limit). */
  projectLimit: number | null = null;
  private lastId: number;
  private clock: number;

  constructor(options: AccountStoreOptions) {
    this.account = options.account;
    this.lastId = options.firstId - 1;
    this.clock = Date.parse(options.clockStart);
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** A strictly increasing timestamp: writes never share one, so ETags and sorts are stable. */
  now(): string {
    this.clock = Math.max(this.clock + 1000, Date.now());
    return new Date(this.clock).toISOString();
  }

  me(): Person {
    const me = this.people.get(this.meId);
    if (!me) throw new Error('sandbox store has no current person');
    return me;
  }

  addPerson(person: Omit<Person, 'id'> & { id?: number }): Person {
    const full = { ...person, id: person.id ?? this.nextId() } as Person;
    this.people.set(full.id, full);
    return full;
  }

  addProject(project: Omit<Project, 'id'> & { id?: number }): Project {
    const full = { ...project, id: project.id ?? this.nextId() } as Project;
    this.projects.set(full.id, full);
    return full;
  }

  add(input: NewRecording): Recording {
    const createdAt = input.createdAt ?? this.now();
    const parentId = input.parentId ?? null;
    const position =
      input.position === undefined ? this.children(parentId, input.type).length + 1 : input.position;
    const recording: Recording = {
      id: this.nextId(),
      type: input.type,
      bucketId: input.bucketId,
      parentId,
      creatorId: input.creatorId,
      title: input.title,
      status: input.status ?? 'active',
      visibleToClients: input.visibleToClients ?? false,
      createdAt,
      updatedAt: createdAt,
      position,
      // Rich text is kept as Basecamp keeps it: mentions rendered with the person's name.
      fields: renderRichFields({ ...input.fields }, this.people),
    };
    this.recordings.set(recording.id, recording);
    this.touchAncestors(recording);
    return recording;
  }

  get(id: number): Recording | undefined {
    return this.recordings.get(id);
  }

  /** Change a recording; bumps `updatedAt` (and the parents', as Basecamp does for lists). */
  update(
    id: number,
    change: Partial<Omit<Recording, 'id' | 'fields'>> & { fields?: Record<string, unknown> },
  ) {
    const recording = this.recordings.get(id);
    if (!recording) throw new Error(`no recording ${id}`);
    const { fields, ...rest } = change;
    Object.assign(recording, rest);
    if (fields) Object.assign(recording.fields, renderRichFields(fields, this.people));
    recording.updatedAt = this.now();
    this.touchAncestors(recording);
    return recording;
  }

  /** Direct children of a recording, in position order; optionally of some types only. */
  children(parentId: number | null, types?: string | readonly string[]): Recording[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const out: Recording[] = [];
    for (const r of this.recordings.values()) {
      if (r.parentId !== parentId) continue;
      if (wanted && !wanted.includes(r.type)) continue;
      out.push(r);
    }
    return out.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
  }

  /** Put a recording at a 1-based position among its siblings (of the same type), optionally under a new parent. */
  move(id: number, position: number, parentId?: number): Recording {
    const recording = this.recordings.get(id);
    if (!recording) throw new Error(`no recording ${id}`);
    const siblings = (parent: number | null) =>
      this.children(parent, recording.type).filter((r) => r.id !== id);
    if (parentId !== undefined && parentId !== recording.parentId) {
      const old = siblings(recording.parentId);
      old.forEach((r, index) => (r.position = index + 1));
      recording.parentId = parentId;
    }
    const list = siblings(recording.parentId);
    const index = Math.max(0, Math.min(position - 1, list.length));
    list.splice(index, 0, recording);
    list.forEach((r, i) => (r.position = i + 1));
    return this.update(id, {});
  }

  /** Every recording matching a predicate, in id order. */
  where(predicate: (recording: Recording) => boolean): Recording[] {
    return [...this.recordings.values()].filter(predicate);
  }

  /** A project's dock tool of the given name (e.g. `todoset`), as a recording. */
  tool(projectId: number, name: string): Recording | undefined {
    const entry = this.projects.get(projectId)?.dock.find((tool) => tool.name === name);
    return entry ? this.recordings.get(entry.id) : undefined;
  }

  private touchAncestors(recording: Recording): void {
    let parentId = recording.parentId;
    for (let depth = 0; parentId !== null && depth < 8; depth++) {
      const parent = this.recordings.get(parentId);
      if (!parent) break;
      if (parent.updatedAt < recording.updatedAt) parent.updatedAt = recording.updatedAt;
      parentId = parent.parentId;
    }
    const project = this.projects.get(recording.bucketId);
    if (project && project.updated_at < recording.updatedAt) project.updated_at = recording.updatedAt;
  }
}
