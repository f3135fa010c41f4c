// Turns store objects into the JSON Basecamp sends: the common recording envelope, people,
// projects with their dock, and the `url` / `app_url` links (which point back at the sandbox).
import type { TypeSpec } from './family.ts';
import type { AccountStore, Person, Project, Recording } from './store.ts';

/** What Basecamp calls an sgid: an opaque, stable handle used for mentions and attachments. */
export function sgidFor(kind: string, id: number): string {
  const payload = Buffer.from(`gid://bc3/${kind}/${id}`).toString('base64');
  return `${payload}--sandbox${(id % 100000).toString(16).padStart(5, '0')}`;
}

export class View {
  readonly store: AccountStore;
  readonly types: Record<string, TypeSpec>;
  /** `http://127.0.0.1:port/{accountId}` — the API base, as Launchpad's `href`. */
  readonly apiBase: string;
  /** `http://127.0.0.1:port/app/{accountId}` — where `app_url` links go (a small page in the sandbox). */
  readonly appBase: string;

  constructor(store: AccountStore, types: Record<string, TypeSpec>, origin: string) {
    this.store = store;
    this.types = types;
    this.apiBase = `${origin}/${store.account.id}`;
    this.appBase = `${origin}/app/${store.account.id}`;
  }

  api(path: string): string {
    return `${this.apiBase}${path}`;
  }

  app(path: string): string {
    return `${this.appBase}${path}`;
  }

  spec(recording: Recording): TypeSpec {
    const spec = this.types[recording.type];
    if (!spec) throw new Error(`sandbox: no type spec for ${recording.type}`);
    return spec;
  }

  /** `/buckets/{b}/todos/{id}` — shared by url (with `.json`) and app_url. */
  path(recording: Recording): string {
    const { segment } = this.spec(recording);
    const name = typeof segment === 'function' ? segment(recording) : segment;
    return `/buckets/${recording.bucketId}/${name}/${recording.id}`;
  }

  url(recording: Recording): string {
    return this.api(`${this.path(recording)}.json`);
  }

  appUrl(recording: Recording): string {
    const spec = this.spec(recording);
    return this.app(spec.appPath ? spec.appPath(recording, this) : this.path(recording));
  }

  person(person: Person): Record<string, unknown> {
    return {
      id: person.id,
      attachable_sgid: sgidFor('Person', person.id),
      name: person.name,
      email_address: person.email_address,
      personable_type: person.personable_type,
      title: person.title,
      bio: person.bio,
      location: person.location,
      created_at: person.created_at,
      updated_at: person.updated_at,
      admin: person.admin,
      owner: person.owner,
      client: person.client,
      employee: person.employee,
      time_zone: person.time_zone,
      avatar_url: this.api(`/people/${sgidFor('Avatar', person.id)}/avatar`),
      company: person.company,
      can_ping: true,
      can_manage_projects: !person.client,
      can_manage_people: !person.client,
      can_access_timesheet: person.admin,
      can_access_hill_charts: !person.client,
    };
  }

  personById(id: number): Record<string, unknown> | null {
    const person = this.store.people.get(id);
    return person ? this.person(person) : null;
  }

  people(ids: readonly number[] | undefined): Record<string, unknown>[] {
    return (ids ?? []).flatMap((id) => {
      const person = this.personById(id);
      return person ? [person] : [];
    });
  }

  bucket(projectId: number): Record<string, unknown> {
    return { id: projectId, name: this.store.projects.get(projectId)?.name ?? 'Unknown', type: 'Project' };
  }

  /** The short `{id, title, type, url, app_url}` form used for `parent`. */
  ref(recording: Recording): Record<string, unknown> {
    return {
      id: recording.id,
      title: recording.title,
      type: recording.type,
      url: this.url(recording),
      app_url: this.appUrl(recording),
    };
  }

  commentsCount(recording: Recording): number {
    return this.store.children(recording.id, 'Comment').filter((c) => c.status === 'active').length;
  }

  /** The full JSON of a recording: common envelope + the type's own fields. */
  recording(recording: Recording): Record<string, unknown> {
    const spec = this.spec(recording);
    const recordingsBase = this.api(`/buckets/${recording.bucketId}/recordings/${recording.id}`);
    const out: Record<string, unknown> = {
      id: recording.id,
      status: recording.status,
      visible_to_clients: recording.visibleToClients,
      created_at: recording.createdAt,
      updated_at: recording.updatedAt,
      title: recording.title,
      inherits_status: true,
      type: recording.type,
      url: this.url(recording),
      app_url: this.appUrl(recording),
      bookmark_url: this.api(`/my/bookmarks/${sgidFor('Recording', recording.id)}.json`),
    };
    if (spec.subscribable) out.subscription_url = `${recordingsBase}/subscription.json`;
    if (spec.commentable) {
      out.comments_count = this.commentsCount(recording);
      out.comments_url = `${recordingsBase}/comments.json`;
    }
    if (spec.boostable) {
      out.boosts_count = 0;
      out.boosts_url = `${recordingsBase}/boosts.json`;
    }
    if (recording.position !== null) out.position = recording.position;
    const parent = recording.parentId === null ? undefined : this.store.get(recording.parentId);
    if (parent) out.parent = this.ref(parent);
    out.bucket = this.bucket(recording.bucketId);
    out.creator = this.personById(recording.creatorId);
    return { ...out, ...spec.fields?.(recording, this) };
  }

  project(project: Project): Record<string, unknown> {
    return {
      id: project.id,
      status: project.status,
      created_at: project.created_at,
      updated_at: project.updated_at,
      name: project.name,
      description: project.description,
      purpose: project.purpose,
      clients_enabled: project.clients_enabled,
      timesheet_enabled: project.timesheet_enabled,
      color: project.color,
      last_needle_color: null,
      last_needle_position: null,
      previous_needle_position: null,
      bookmark_url: this.api(`/my/bookmarks/${sgidFor('Bucket', project.id)}.json`),
      url: this.api(`/projects/${project.id}.json`),
      app_url: this.app(`/projects/${project.id}`),
      dock: project.dock.flatMap((tool) => {
        const recording = this.store.get(tool.id);
        if (!recording) return [];
        return [
          {
            id: tool.id,
            title: recording.title,
            name: tool.name,
            enabled: tool.enabled,
            position: tool.enabled ? tool.position : null,
            url: this.url(recording),
            app_url: this.appUrl(recording),
          },
        ];
      }),
    };
  }
}
