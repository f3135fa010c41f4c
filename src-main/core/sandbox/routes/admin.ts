// Setting things up: the account, templates and projects made from them, home-screen folders,
// Lineup markers, dock tools, project access, message types, chatbots, webhooks, hill charts,
// schedule settings, repeating-entry occurrences and calendars.
import {
  badRequest,
  created,
  HttpError,
  invalid,
  noContent,
  notFound,
  ok,
  requireText,
  text,
  type Family,
  type RouteContext,
} from '../family.ts';
import { paginate } from '../pagination.ts';
import type { AccountStore, Project } from '../store.ts';
import { sgidFor } from '../view.ts';
import { createProject, DOCK } from './projects.ts';
import { accountState } from './kit.ts';
import { BASECAMP_COLORS, WEBHOOK_RECORDING_TYPES } from '../../basecamp/vocabulary.ts';

interface Template {
  id: number;
  name: string;
  description: string;
  status: 'active' | 'archived' | 'trashed';
  createdAt: string;
  updatedAt: string;
}

interface Named {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

interface Folder extends Named {
  projectIds: number[];
}

interface Marker extends Named {
  date: string;
}

interface MessageType extends Named {
  icon: string;
  bucketId: number;
}

interface Chatbot {
  id: number;
  serviceName: string;
  commandUrl: string | null;
  chatId: number;
  createdAt: string;
  updatedAt: string;
}

interface Webhook {
  id: number;
  bucketId: number;
  payloadUrl: string;
  types: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AdminState {
  account: { name: string; logo: boolean; createdAt: string };
  templates: Map<number, Template>;
  constructions: Map<number, { templateId: number; projectId: number }>;
  folders: Map<number, Folder>;
  markers: Map<number, Marker>;
  messageTypes: Map<number, MessageType>;
  chatbots: Map<number, Chatbot>;
  webhooks: Map<number, Webhook>;
  /** To-do lists shown on each to-do set's hill chart, with their position on the hill. */
  hills: Map<number, Map<number, number>>;
}

export const adminState = (store: AccountStore): AdminState =>
  accountState(store, 'admin', () => ({
    account: { name: store.account.name, logo: true, createdAt: '2024-01-08T09:00:00.000Z' },
    templates: new Map(),
    constructions: new Map(),
    folders: new Map(),
    markers: new Map(),
    messageTypes: new Map(),
    chatbots: new Map(),
    webhooks: new Map(),
    hills: new Map(),
  }));

const state = (ctx: RouteContext) => adminState(ctx.store);

function find<T>(map: Map<number, T>, id: number): T {
  const found = map.get(id);
  if (!found) throw notFound();
  return found;
}

function accountJson(ctx: RouteContext) {
  const { account } = state(ctx);
  return {
    id: ctx.store.account.id,
    name: account.name,
    owner_name: [...ctx.store.people.values()].find((p) => p.owner)?.name ?? null,
    active: true,
    created_at: account.createdAt,
    updated_at: account.createdAt,
    trial: false,
    trial_ends_on: null,
    frozen: false,
    paused: false,
    limits: { projects: 500, storage_bytes: 500 * 2 ** 30 },
    subscription: { plan: 'Basecamp Pro Unlimited' },
    logo: account.logo ? { url: ctx.view.api('/account/logo.png') } : null,
  };
}

function templateJson(ctx: RouteContext, t: Template) {
  return {
    id: t.id,
    status: t.status,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    name: t.name,
    description: t.description,
    url: ctx.view.api(`/templates/${t.id}.json`),
    app_url: ctx.view.app(`/templates/${t.id}`),
    dock: DOCK.slice(0, 5).map((tool, i) => ({
      id: t.id * 10 + i,
      url: ctx.view.api(`/templates/${t.id}/tools/${t.id * 10 + i}.json`),
      app_url: ctx.view.app(`/templates/${t.id}/tools/${t.id * 10 + i}`),
      name: tool.name,
      title: tool.title,
      enabled: true,
      position: i + 1,
    })),
  };
}

function folderJson(ctx: RouteContext, f: Folder, expand: boolean) {
  return {
    id: f.id,
    name: f.name,
    type: 'Stack',
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    bucket_ids: f.projectIds,
    is_emoji_only_name: false,
    star_url: ctx.view.api(`/stacks/${f.id}/star.json`),
    gauges_url: null,
    color: null,
    image_url: null,
    url: ctx.view.api(`/stacks/${f.id}.json`),
    ...(expand
      ? {
          projects: f.projectIds.flatMap((id) =>
            ctx.store.projects.has(id) ? [ctx.view.project(ctx.store.projects.get(id)!)] : [],
          ),
        }
      : {}),
  };
}

const markerJson = (m: Marker) => ({
  id: m.id,
  name: m.name,
  date: m.date,
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});
const typeJson = (t: MessageType) => ({
  id: t.id,
  name: t.name,
  icon: t.icon,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
});

function chatbotJson(ctx: RouteContext, c: Chatbot, bucketId: number) {
  return {
    id: c.id,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    service_name: c.serviceName,
    command_url: c.commandUrl,
    url: ctx.view.api(`/buckets/${bucketId}/chats/${c.chatId}/integrations/${c.id}.json`),
    app_url: ctx.view.app(`/buckets/${bucketId}/chats/${c.chatId}/integrations/${c.id}`),
    lines_url: ctx.view.api(
      `/integrations/${sgidFor('Chatbot', c.id)}/buckets/${bucketId}/chats/${c.chatId}/lines.json`,
    ),
  };
}

function webhookJson(ctx: RouteContext, w: Webhook) {
  return {
    id: w.id,
    active: w.active,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    payload_url: w.payloadUrl,
    types: w.types,
    url: ctx.view.api(`/buckets/${w.bucketId}/webhooks/${w.id}.json`),
    app_url: ctx.view.app(`/buckets/${w.bucketId}/webhooks/${w.id}`),
    recent_deliveries: [],
  };
}

const WEBHOOK_TYPES: readonly string[] = WEBHOOK_RECORDING_TYPES;

function webhookFields(ctx: RouteContext, partial: boolean) {
  const out: Partial<Pick<Webhook, 'payloadUrl' | 'types' | 'active'>> = {};
  if (!partial || ctx.body.payload_url !== undefined) {
    const url = requireText(ctx.body, 'payload_url');
    if (!/^https:\/\/[^\s/]+/.test(url)) throw badRequest('payload_url must be an HTTPS URL');
    out.payloadUrl = url;
  }
  if (ctx.body.types !== undefined) {
    if (!Array.isArray(ctx.body.types) || ctx.body.types.some((t) => !WEBHOOK_TYPES.includes(String(t))))
      throw badRequest(`types must be a list of: ${WEBHOOK_TYPES.join(', ')}`);
    out.types = ctx.body.types.map(String);
  }
  if (typeof ctx.body.active === 'boolean') out.active = ctx.body.active;
  return out;
}

/** The project and dock entry of a tool id (a dock tool is a recording with an entry in its project's dock). */
function dockEntry(ctx: RouteContext, toolId: number): { project: Project; index: number } {
  const recording = ctx.find(toolId);
  const project = ctx.project(recording.bucketId);
  const index = project.dock.findIndex((tool) => tool.id === toolId);
  if (index < 0) throw notFound();
  return { project, index };
}

function toolJson(ctx: RouteContext, toolId: number) {
  const { project, index } = dockEntry(ctx, toolId);
  const entry = project.dock[index]!;
  const recording = ctx.store.get(toolId)!;
  return {
    ...ctx.view.recording(recording),
    name: entry.name,
    enabled: entry.enabled,
    position: entry.enabled ? entry.position : null,
  };
}

/** Dock positions 1..n among the enabled tools, in their current order. */
function renumber(project: Project): void {
  let position = 0;
  for (const tool of project.dock) tool.position = tool.enabled ? ++position : null;
}

const DOCK_TYPES: Record<string, string> = Object.fromEntries(DOCK.map((tool) => [tool.type, tool.name]));

function hillJson(ctx: RouteContext, todosetId: number) {
  const todoset = ctx.find(todosetId, 'Todoset');
  const tracked = state(ctx).hills.get(todoset.id) ?? new Map<number, number>();
  const colors = ['blue', 'green', 'orange', 'purple', 'red', 'aqua'];
  return {
    enabled: true,
    stale: tracked.size === 0,
    updated_at: todoset.updatedAt,
    app_update_url: ctx.view.app(`/buckets/${todoset.bucketId}/todosets/${todoset.id}/hill/edit`),
    app_versions_url: ctx.view.app(`/buckets/${todoset.bucketId}/todosets/${todoset.id}/hill/versions`),
    dots: [...tracked.entries()].flatMap(([listId, position], i) => {
      const list = ctx.store.get(listId);
      return list && list.status === 'active'
        ? [
            {
              id: list.id,
              label: list.title,
              color: colors[i % colors.length]!,
              position,
              url: ctx.view.url(list),
              app_url: ctx.view.appUrl(list),
            },
          ]
        : [];
    }),
  };
}

function calendarJson(ctx: RouteContext, scheduleId: number) {
  const schedule = ctx.find(scheduleId, 'Schedule');
  return {
    id: schedule.id,
    type: 'Calendar',
    name: ctx.view.bucket(schedule.bucketId).name,
    color: schedule.fields.calendar_color ?? 'blue',
    created_at: schedule.createdAt,
    updated_at: schedule.updatedAt,
    url: ctx.view.api(`/calendars/${schedule.id}.json`),
    app_url: ctx.view.app(`/calendars/${schedule.id}`),
    schedule_url: ctx.view.url(schedule),
  };
}

const COLORS: readonly string[] = BASECAMP_COLORS;

export const admin: Family = {
  name: 'admin',
  routes: [
    { method: 'GET', path: '/account.json', handler: (ctx) => ok(accountJson(ctx)) },
    {
      method: 'PUT',
      path: '/account/name.json',
      handler: (ctx) => {
        if (!ctx.me.owner) throw new HttpError(403, 'Only the account owner can rename the account');
        state(ctx).account.name = requireText(ctx.body, 'name');
        return ok(accountJson(ctx));
      },
    },
    {
      method: 'PUT',
      path: '/account/logo.json',
      body: 'raw',
      handler: (ctx) => {
        if (!ctx.me.admin) throw new HttpError(403, 'Only admins can change the logo');
        // A multipart form with the image in the field `logo`, as the docs describe.
        const text = ctx.rawBody.toString('latin1');
        const part =
          /Content-Disposition: form-data; name="logo"; filename="[^"]*"\r\nContent-Type: ([^\r]+)\r\n\r\n/.exec(
            text,
          );
        if (!part) throw invalid('Send the image as multipart form field "logo"');
        if (!/^image\/(png|jpeg|gif|webp|avif|heic)$/.test(part[1]!))
          throw invalid('The logo must be a PNG, JPEG, GIF, WebP, AVIF or HEIC image');
        if (ctx.rawBody.length > 5 * 1024 * 1024 + 1024) throw invalid('The logo must be at most 5 MB');
        state(ctx).account.logo = true;
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: '/account/logo.json',
      handler: (ctx) => {
        if (!ctx.me.admin) throw new HttpError(403, 'Only admins can change the logo');
        state(ctx).account.logo = false;
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/templates.json',
      handler: (ctx) => {
        const status = ctx.query.get('status') ?? 'active';
        return paginate(
          ctx,
          [...state(ctx).templates.values()]
            .filter((t) => t.status === status)
            .map((t) => templateJson(ctx, t)),
        );
      },
    },
    {
      method: 'POST',
      path: '/templates.json',
      handler: (ctx) => {
        const at = ctx.store.now();
        const t: Template = {
          id: ctx.store.nextId(),
          name: requireText(ctx.body, 'name'),
          description: text(ctx.body, 'description') ?? '',
          status: 'active',
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).templates.set(t.id, t);
        return created(templateJson(ctx, t));
      },
    },
    {
      method: 'GET',
      path: '/templates/{id}.json',
      handler: (ctx) => ok(templateJson(ctx, find(state(ctx).templates, ctx.id()))),
    },
    {
      method: 'PUT',
      path: '/templates/{id}.json',
      handler: (ctx) => {
        const t = find(state(ctx).templates, ctx.id());
        const name = text(ctx.body, 'name')?.trim();
        if (name) t.name = name;
        if (ctx.body.description !== undefined) t.description = text(ctx.body, 'description') ?? '';
        t.updatedAt = ctx.store.now();
        return ok(templateJson(ctx, t));
      },
    },
    {
      method: 'DELETE',
      path: '/templates/{id}.json',
      handler: (ctx) => {
        find(state(ctx).templates, ctx.id()).status = 'trashed';
        return noContent();
      },
    },
    {
      method: 'POST',
      path: '/templates/{id}/project_constructions.json',
      handler: (ctx) => {
        const t = find(state(ctx).templates, ctx.id());
        const input = (ctx.body.project ?? {}) as Record<string, unknown>;
        const name = text(input, 'name')?.trim();
        if (!name) throw invalid("project name can't be blank");
        const project = createProject(ctx.store, {
          name,
          description: text(input, 'description') ?? t.description,
          creatorId: ctx.me.id,
          people: [ctx.me.id],
        });
        const id = ctx.store.nextId();
        state(ctx).constructions.set(id, { templateId: t.id, projectId: project.id });
        // Basecamp builds it in the background; the sandbox is done at once but still answers "pending" first.
        return created({
          id,
          status: 'pending',
          url: ctx.view.api(`/templates/${t.id}/project_constructions/${id}.json`),
        });
      },
    },
    {
      method: 'GET',
      path: '/templates/{id}/project_constructions/{construction}.json',
      handler: (ctx) => {
        const c = find(state(ctx).constructions, ctx.id('construction'));
        if (c.templateId !== ctx.id()) throw notFound();
        const project = ctx.store.projects.get(c.projectId);
        return ok({
          id: ctx.id('construction'),
          status: 'completed',
          url: ctx.view.api(
            `/templates/${c.templateId}/project_constructions/${ctx.id('construction')}.json`,
          ),
          project: project ? ctx.view.project(project) : null,
        });
      },
    },
    {
      method: 'GET',
      path: '/stacks.json',
      handler: (ctx) => ok([...state(ctx).folders.values()].map((f) => folderJson(ctx, f, false))),
    },
    {
      method: 'POST',
      path: '/stacks.json',
      handler: (ctx) => {
        const ids = Array.isArray(ctx.body.project_ids) ? ctx.body.project_ids.map(Number) : [];
        for (const id of ids) if (ctx.store.projects.get(id)?.status !== 'active') throw notFound();
        const at = ctx.store.now();
        const f: Folder = {
          id: ctx.store.nextId(),
          name: text(ctx.body, 'name')?.trim() || 'New folder',
          projectIds: ids,
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).folders.set(f.id, f);
        return created(folderJson(ctx, f, true));
      },
    },
    {
      method: 'GET',
      path: '/stacks/{id}.json',
      handler: (ctx) => ok(folderJson(ctx, find(state(ctx).folders, ctx.id()), true)),
    },
    {
      method: 'PUT',
      path: '/stacks/{id}.json',
      handler: (ctx) => {
        const f = find(state(ctx).folders, ctx.id());
        f.name = requireText(ctx.body, 'name');
        f.updatedAt = ctx.store.now();
        return ok(folderJson(ctx, f, true));
      },
    },
    {
      method: 'DELETE',
      path: '/stacks/{id}.json',
      handler: (ctx) => {
        find(state(ctx).folders, ctx.id());
        state(ctx).folders.delete(ctx.id());
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/lineup/markers.json',
      handler: (ctx) =>
        ok([...state(ctx).markers.values()].sort((a, b) => a.date.localeCompare(b.date)).map(markerJson)),
    },
    {
      method: 'POST',
      path: '/lineup/markers.json',
      handler: (ctx) => {
        const date = requireText(ctx.body, 'date');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw badRequest('date must be YYYY-MM-DD');
        const at = ctx.store.now();
        const m: Marker = {
          id: ctx.store.nextId(),
          name: requireText(ctx.body, 'name'),
          date,
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).markers.set(m.id, m);
        // Basecamp answers 201 with an empty body here (docs).
        return { status: 201 };
      },
    },
    {
      method: 'PUT',
      path: '/lineup/markers/{id}.json',
      handler: (ctx) => {
        const m = find(state(ctx).markers, ctx.id());
        const name = text(ctx.body, 'name')?.trim();
        const date = text(ctx.body, 'date');
        if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
          throw badRequest('date must be YYYY-MM-DD');
        if (name) m.name = name;
        if (date) m.date = date;
        m.updatedAt = ctx.store.now();
        return ok(markerJson(m));
      },
    },
    {
      method: 'DELETE',
      path: '/lineup/markers/{id}.json',
      handler: (ctx) => {
        find(state(ctx).markers, ctx.id());
        state(ctx).markers.delete(ctx.id());
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/dock/tools/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(toolJson(ctx, ctx.id())),
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/dock/tools.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id('bucket'));
        const type = requireText(ctx.body, 'tool_type');
        const name = DOCK_TYPES[type];
        if (!name) throw badRequest(`tool_type must be one of ${Object.keys(DOCK_TYPES).join(', ')}`);
        const defaults = DOCK.find((tool) => tool.type === type)!;
        const recording = ctx.store.add({
          type,
          bucketId: project.id,
          parentId: null,
          creatorId: ctx.me.id,
          title: text(ctx.body, 'title')?.trim() || defaults.title,
          position: null,
          visibleToClients: ctx.body.visible_to_clients === true,
        });
        project.dock.push({ id: recording.id, name, enabled: true, position: null });
        renumber(project);
        return created(toolJson(ctx, recording.id), ctx.view.url(recording));
      },
    },
    {
      method: 'PUT',
      path: '/dock/tools/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        dockEntry(ctx, ctx.id());
        ctx.store.update(ctx.id(), { title: requireText(ctx.body, 'title') });
        return ok(toolJson(ctx, ctx.id()));
      },
    },
    {
      method: 'DELETE',
      path: '/dock/tools/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const { project, index } = dockEntry(ctx, ctx.id());
        project.dock.splice(index, 1);
        renumber(project);
        ctx.store.update(ctx.id(), { status: 'trashed' });
        return noContent();
      },
    },
    ...(['POST', 'PUT', 'DELETE'] as const).map((method) => ({
      method,
      path: '/recordings/{id}/position.json',
      bucketAlias: true,
      handler: (ctx: RouteContext) => {
        const { project, index } = dockEntry(ctx, ctx.id());
        const tool = project.dock[index]!;
        if (method === 'DELETE') tool.enabled = false;
        else tool.enabled = true;
        if (method === 'PUT') {
          const position = Number(ctx.body.position);
          if (!Number.isInteger(position) || position < 1)
            throw badRequest('position must be a whole number >= 1');
          project.dock.splice(index, 1);
          const enabled = project.dock.filter((t) => t.enabled);
          const before = enabled[position - 1];
          project.dock.splice(before ? project.dock.indexOf(before) : project.dock.length, 0, tool);
        }
        renumber(project);
        return method === 'DELETE'
          ? noContent()
          : method === 'POST'
            ? created(toolJson(ctx, tool.id))
            : ok(toolJson(ctx, tool.id));
      },
    })),
    {
      method: 'PUT',
      path: '/projects/{id}/people/users.json',
      handler: (ctx) => {
        const project = ctx.project(ctx.id());
        const list = (key: string) => (Array.isArray(ctx.body[key]) ? (ctx.body[key] as unknown[]) : []);
        const granted: number[] = [];
        const revoked: number[] = [];
        for (const id of list('grant').map(Number)) {
          if (!ctx.store.people.has(id)) throw notFound(`No person ${id}`);
          if (!project.people.includes(id)) project.people.push(id);
          granted.push(id);
        }
        for (const raw of list('create')) {
          const person = raw as Record<string, unknown>;
          const at = ctx.store.now();
          const added = ctx.store.addPerson({
            name: requireText(person, 'name'),
            email_address: requireText(person, 'email_address'),
            personable_type: 'User',
            title: text(person, 'title') ?? null,
            bio: null,
            location: null,
            created_at: at,
            updated_at: at,
            admin: false,
            owner: false,
            client: false,
            employee: false,
            time_zone: 'Etc/UTC',
            company: { id: 1, name: text(person, 'company_name') ?? 'Guests' },
          });
          project.people.push(added.id);
          granted.push(added.id);
        }
        for (const id of list('revoke').map(Number)) {
          const at = project.people.indexOf(id);
          if (at >= 0) {
            project.people.splice(at, 1);
            revoked.push(id);
          }
        }
        return ok({ granted: ctx.view.people(granted), revoked: ctx.view.people(revoked) });
      },
    },
    {
      method: 'GET',
      path: '/buckets/{bucket}/categories.json',
      handler: (ctx) => {
        const bucket = ctx.project(ctx.id('bucket')).id;
        return paginate(
          ctx,
          [...state(ctx).messageTypes.values()].filter((t) => t.bucketId === bucket).map(typeJson),
        );
      },
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/categories.json',
      handler: (ctx) => {
        const bucket = ctx.project(ctx.id('bucket')).id;
        const at = ctx.store.now();
        const t: MessageType = {
          id: ctx.store.nextId(),
          name: requireText(ctx.body, 'name'),
          icon: requireText(ctx.body, 'icon'),
          bucketId: bucket,
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).messageTypes.set(t.id, t);
        return created(typeJson(t));
      },
    },
    ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
      method,
      path: '/buckets/{bucket}/categories/{id}.json',
      handler: (ctx: RouteContext) => {
        const t = find(state(ctx).messageTypes, ctx.id());
        if (t.bucketId !== ctx.id('bucket')) throw notFound();
        if (method === 'DELETE') {
          state(ctx).messageTypes.delete(t.id);
          return noContent();
        }
        if (method === 'PUT') {
          const name = text(ctx.body, 'name')?.trim();
          const icon = text(ctx.body, 'icon')?.trim();
          if (name) t.name = name;
          if (icon) t.icon = icon;
          t.updatedAt = ctx.store.now();
        }
        return ok(typeJson(t));
      },
    })),
    {
      method: 'GET',
      path: '/buckets/{bucket}/chats/{id}/integrations.json',
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        return paginate(
          ctx,
          [...state(ctx).chatbots.values()]
            .filter((c) => c.chatId === chat.id)
            .map((c) => chatbotJson(ctx, c, chat.bucketId)),
        );
      },
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/chats/{id}/integrations.json',
      handler: (ctx) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        const serviceName = requireText(ctx.body, 'service_name');
        if (/\s/.test(serviceName)) throw invalid('service_name must not contain spaces');
        const at = ctx.store.now();
        const c: Chatbot = {
          id: ctx.store.nextId(),
          serviceName,
          commandUrl: text(ctx.body, 'command_url') ?? null,
          chatId: chat.id,
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).chatbots.set(c.id, c);
        return created(chatbotJson(ctx, c, chat.bucketId));
      },
    },
    ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
      method,
      path: '/buckets/{bucket}/chats/{id}/integrations/{bot}.json',
      handler: (ctx: RouteContext) => {
        const chat = ctx.find(ctx.id(), 'Chat::Transcript');
        const c = find(state(ctx).chatbots, ctx.id('bot'));
        if (c.chatId !== chat.id) throw notFound();
        if (method === 'DELETE') {
          state(ctx).chatbots.delete(c.id);
          return noContent();
        }
        if (method === 'PUT') {
          const serviceName = requireText(ctx.body, 'service_name');
          if (/\s/.test(serviceName)) throw invalid('service_name must not contain spaces');
          c.serviceName = serviceName;
          if (ctx.body.command_url !== undefined) c.commandUrl = text(ctx.body, 'command_url') ?? null;
          c.updatedAt = ctx.store.now();
        }
        return ok(chatbotJson(ctx, c, chat.bucketId));
      },
    })),
    {
      method: 'GET',
      path: '/buckets/{bucket}/webhooks.json',
      handler: (ctx) => {
        if (ctx.me.client) throw new HttpError(403, 'Clients cannot manage webhooks');
        const bucket = ctx.project(ctx.id('bucket')).id;
        return paginate(
          ctx,
          [...state(ctx).webhooks.values()]
            .filter((w) => w.bucketId === bucket)
            .map((w) => webhookJson(ctx, w)),
        );
      },
    },
    {
      method: 'POST',
      path: '/buckets/{bucket}/webhooks.json',
      handler: (ctx) => {
        if (ctx.me.client) throw new HttpError(403, 'Clients cannot manage webhooks');
        const bucket = ctx.project(ctx.id('bucket')).id;
        const fields = webhookFields(ctx, false);
        if ([...state(ctx).webhooks.values()].filter((w) => w.bucketId === bucket).length >= 20)
          throw new HttpError(507, 'The webhook limit for this project has been reached.');
        const at = ctx.store.now();
        const w: Webhook = {
          id: ctx.store.nextId(),
          bucketId: bucket,
          payloadUrl: fields.payloadUrl!,
          types: fields.types ?? [],
          active: fields.active ?? true,
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).webhooks.set(w.id, w);
        return created(webhookJson(ctx, w));
      },
    },
    ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
      method,
      path: '/webhooks/{id}.json',
      bucketAlias: true,
      handler: (ctx: RouteContext) => {
        if (ctx.me.client) throw new HttpError(403, 'Clients cannot manage webhooks');
        const w = find(state(ctx).webhooks, ctx.id());
        if (ctx.bucketId !== null && w.bucketId !== ctx.bucketId) throw notFound();
        if (method === 'DELETE') {
          state(ctx).webhooks.delete(w.id);
          return noContent();
        }
        if (method === 'PUT') {
          const fields = webhookFields(ctx, true);
          if (fields.payloadUrl) w.payloadUrl = fields.payloadUrl;
          if (fields.types) w.types = fields.types;
          if (fields.active !== undefined) w.active = fields.active;
          w.updatedAt = ctx.store.now();
        }
        return ok(webhookJson(ctx, w));
      },
    })),
    {
      method: 'GET',
      path: '/todosets/{id}/hill.json',
      bucketAlias: true,
      handler: (ctx) => ok(hillJson(ctx, ctx.id())),
    },
    {
      method: 'PUT',
      path: '/todosets/{id}/hills/settings.json',
      bucketAlias: true,
      handler: (ctx) => {
        const todoset = ctx.find(ctx.id(), 'Todoset');
        const hills = state(ctx).hills;
        const tracked = hills.get(todoset.id) ?? new Map<number, number>();
        const list = (key: string) =>
          Array.isArray(ctx.body[key]) ? (ctx.body[key] as unknown[]).map(Number) : [];
        for (const id of list('tracked')) {
          const todolist = ctx.find(id, 'Todolist');
          if (todolist.parentId !== todoset.id)
            throw badRequest(`${id} is not a to-do list of this to-do set`);
          if (!tracked.has(id)) tracked.set(id, 0);
        }
        for (const id of list('untracked')) tracked.delete(id);
        hills.set(todoset.id, tracked);
        return ok(hillJson(ctx, todoset.id));
      },
    },
    {
      method: 'PUT',
      path: '/schedules/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const schedule = ctx.find(ctx.id(), 'Schedule');
        if (typeof ctx.body.include_due_assignments !== 'boolean')
          throw badRequest('include_due_assignments must be true or false');
        ctx.store.update(schedule.id, {
          fields: { include_due_assignments: ctx.body.include_due_assignments },
        });
        return ok(ctx.view.recording(schedule));
      },
    },
    {
      method: 'GET',
      path: '/schedule_entries/{id}/occurrences/{date*}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const entry = ctx.find(ctx.id(), 'Schedule::Entry');
        const date = ctx.params.date ?? '';
        const starts = String(entry.fields.starts_at ?? '');
        // A one-off entry has one occurrence: its own day.
        if (!/^\d{8}$/.test(date) || starts.slice(0, 10).replace(/-/g, '') !== date)
          throw notFound('No occurrence on that date');
        return ok(ctx.view.recording(entry));
      },
    },
    { method: 'GET', path: '/calendars/{id}.json', handler: (ctx) => ok(calendarJson(ctx, ctx.id())) },
    {
      method: 'PUT',
      path: '/calendars/{id}.json',
      handler: (ctx) => {
        const schedule = ctx.find(ctx.id(), 'Schedule');
        const color = String((ctx.body.calendar as Record<string, unknown> | undefined)?.color ?? '');
        if (!COLORS.includes(color)) throw badRequest(`calendar.color must be one of ${COLORS.join(', ')}`);
        ctx.store.update(schedule.id, { fields: { calendar_color: color } });
        return ok(calendarJson(ctx, schedule.id));
      },
    },
  ],
};
