// Projects and their dock. `createProject` builds the whole dock (each tool is a recording), so the
// seed and `POST /projects.json` make identical projects.
import {
  created,
  HttpError,
  noContent,
  ok,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import type { AccountStore, DockTool, Project, RecordingStatus } from '../store.ts';

/** The dock in Basecamp's order: tool name → recording type and default title. */
export const DOCK: ReadonlyArray<{ name: string; type: string; title: string }> = [
  { name: 'message_board', type: 'Message::Board', title: 'Message Board' },
  { name: 'todoset', type: 'Todoset', title: 'To-dos' },
  { name: 'vault', type: 'Vault', title: 'Docs & Files' },
  { name: 'chat', type: 'Chat::Transcript', title: 'Chat' },
  { name: 'schedule', type: 'Schedule', title: 'Schedule' },
  { name: 'questionnaire', type: 'Questionnaire', title: 'Automatic Check-ins' },
  { name: 'inbox', type: 'Inbox', title: 'Email Forwards' },
  { name: 'kanban_board', type: 'Kanban::Board', title: 'Card Table' },
];

export interface NewProject {
  name: string;
  description?: string;
  creatorId: number;
  createdAt?: string;
  purpose?: Project['purpose'];
  /** Dock tools switched off (Basecamp's default projects leave check-ins, forwards and the card table off). */
  disabled?: string[];
  /** Columns between Triage/Not now and Done on the card table. */
  columns?: string[];
  people?: number[];
}

export function createProject(store: AccountStore, input: NewProject): Project {
  const createdAt = input.createdAt ?? store.now();
  const project = store.addProject({
    name: input.name,
    description: input.description ?? '',
    status: 'active',
    purpose: input.purpose ?? 'topic',
    created_at: createdAt,
    updated_at: createdAt,
    clients_enabled: false,
    timesheet_enabled: false,
    color: null,
    dock: [],
    people: input.people ?? [...store.people.keys()],
  });
  let position = 0;
  for (const tool of DOCK) {
    const enabled = !(input.disabled ?? []).includes(tool.name);
    const recording = store.add({
      type: tool.type,
      bucketId: project.id,
      creatorId: input.creatorId,
      title: tool.title,
      createdAt,
      position: null,
    });
    const entry: DockTool = {
      id: recording.id,
      name: tool.name,
      enabled,
      position: enabled ? ++position : null,
    };
    recording.position = entry.position;
    project.dock.push(entry);
    if (tool.name === 'kanban_board') {
      const columns: Array<[string, string]> = [
        ['Kanban::Triage', 'Triage'],
        ['Kanban::NotNowColumn', 'Not now'],
        ...(input.columns ?? ['In progress']).map((title): [string, string] => ['Kanban::Column', title]),
        ['Kanban::DoneColumn', 'Done'],
      ];
      // Columns share one order across their types, so positions are given, not counted per type.
      for (const [index, [type, title]] of columns.entries()) {
        store.add({
          type,
          bucketId: project.id,
          parentId: recording.id,
          creatorId: input.creatorId,
          title,
          createdAt,
          position: index + 1,
          fields: { color: null, description: null },
        });
      }
    }
  }
  return project;
}

const STATUSES: RecordingStatus[] = ['active', 'archived', 'trashed'];

function listProjects(ctx: RouteContext) {
  const status = (ctx.query.get('status') ?? 'active') as RecordingStatus;
  if (!STATUSES.includes(status))
    throw new HttpError(400, `status must be archived or trashed (or omitted), not '${status}'`);
  const projects = [...ctx.store.projects.values()]
    .filter((p) => p.status === status)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  return paginate(
    ctx,
    projects.map((p) => ctx.view.project(p)),
  );
}

export const projects: Family = {
  name: 'projects',
  routes: [
    { method: 'GET', path: '/projects.json', handler: listProjects },
    {
      method: 'GET',
      path: '/projects/{id}.json',
      handler: (ctx) => ok(ctx.view.project(ctx.project(ctx.id()))),
    },
    {
      method: 'POST',
      path: '/projects.json',
      handler: (ctx) => {
        const name = requireText(ctx.body, 'name');
        const active = [...ctx.store.projects.values()].filter((p) => p.status === 'active').length;
        if (ctx.store.projectLimit !== null && active >= ctx.store.projectLimit) {
          throw new HttpError(507, 'The project limit for this account has been reached.');
        }
        const project = createProject(ctx.store, {
          name,
          description: text(ctx.body, 'description'),
          creatorId: ctx.me.id,
          disabled: ['questionnaire', 'inbox', 'kanban_board'],
          people: [ctx.me.id],
        });
        return created(ctx.view.project(project), ctx.view.api(`/projects/${project.id}.json`));
      },
    },
    {
      method: 'PUT',
      path: '/projects/{id}.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        project.name = requireText(ctx.body, 'name');
        const description = text(ctx.body, 'description');
        if (description !== undefined) project.description = description;
        project.updated_at = ctx.store.now();
        return ok(ctx.view.project(project));
      },
    },
    {
      method: 'DELETE',
      path: '/projects/{id}.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        project.status = 'trashed';
        project.updated_at = ctx.store.now();
        return noContent();
      },
    },
  ],
};
