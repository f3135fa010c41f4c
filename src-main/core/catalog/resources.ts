// `basecamp://` resources: a thin layer over catalog read operations. Every read runs through the executor
// (validation, the Basecamp client with its governor, cache, auth and redaction, the same shapers), so a
// resource is exactly what the matching tool call would answer, as Markdown. No HTTP code lives here.
import type { ToolContext } from './executor.ts';
import { answerForError, executeOperation, wireParts } from './executor.ts';
import { findOperation } from './index.ts';
import type { BasecampRecord, Operation, ToolAnswer } from './operation.ts';
import { renderRecord, withinBudget } from './shapers.ts';
import { commentView } from './views.ts';
import { RECORDING_KINDS, RECORDING_TYPES, recordingKind, type RecordingKind } from './recording-kinds.ts';

export const RESOURCE_SCHEME = 'basecamp:';
export const MARKDOWN = 'text/markdown';
/** Projects per resources/list page: enough for most accounts, and the client gets a cursor for the rest. */
export const PROJECTS_PER_PAGE = 50;
/** Comments shown under a recording; the text says when there are more. */
const COMMENTS_SHOWN = 25;

export { RECORDING_KINDS, RECORDING_TYPES };

export interface ResourceTemplateInfo {
  name: string;
  uriTemplate: string;
  title: string;
  description: string;
  mimeType: string;
}

export const RESOURCE_TEMPLATES: readonly ResourceTemplateInfo[] = [
  {
    name: 'project',
    uriTemplate: 'basecamp://projects/{project_id}',
    title: 'A Basecamp project',
    description:
      'One project with its description and the ids of the tools in its dock (to-do set, message board, Campfire…).',
    mimeType: MARKDOWN,
  },
  {
    name: 'recording',
    uriTemplate: 'basecamp://projects/{project_id}/{type}/{recording_id}',
    title: 'A Basecamp item in a project',
    description:
      `One to-do, message, document, card, check-in answer… with its comments. {type} is what Basecamp's own link has between the project and the id ` +
      `(…/buckets/<project>/todos/<id> → todos): ${RECORDING_TYPES.join(', ')}.`,
    mimeType: MARKDOWN,
  },
];

export interface StaticResourceInfo {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
}

export const STATIC_RESOURCES: readonly StaticResourceInfo[] = [
  {
    uri: 'basecamp://projects',
    name: 'projects',
    title: 'Your Basecamp projects',
    description: `The active projects you can see (the first ${PROJECTS_PER_PAGE}; says when more exist).`,
    mimeType: MARKDOWN,
  },
  {
    uri: 'basecamp://my/assignments',
    name: 'my-assignments',
    title: 'My assignments',
    description: 'The to-dos and cards assigned to you, with due dates.',
    mimeType: MARKDOWN,
  },
];

/** Why a resource cannot be read: `not_found` (no such URI or record), `invalid` (bad URI), `failed` (Basecamp said no). */
export class ResourceError extends Error {
  readonly kind: 'not_found' | 'invalid' | 'failed';
  readonly uri: string;
  constructor(kind: ResourceError['kind'], uri: string, message: string) {
    super(message);
    this.name = 'ResourceError';
    this.kind = kind;
    this.uri = uri;
  }
}

const FORMS = `Known forms: basecamp://projects, basecamp://projects/{project_id}, basecamp://projects/{project_id}/{type}/{recording_id} (type: ${RECORDING_TYPES.join(', ')}), basecamp://my/assignments; add ?account=<id> for another account.`;

/** What one URI reads: the operations to run and how. */
interface ParsedResource {
  kind: 'projects' | 'project' | 'recording' | 'assignments';
  account?: number;
  projectId?: number;
  recording?: RecordingKind;
  recordingId?: number;
}

function positiveId(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

export function parseResourceUri(uri: string): ParsedResource {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ResourceError('invalid', uri, `"${uri}" is not a URI. ${FORMS}`);
  }
  if (url.protocol !== RESOURCE_SCHEME)
    throw new ResourceError(
      'not_found',
      uri,
      `Basecamp Companion serves only basecamp:// resources. ${FORMS}`,
    );
  const account = url.searchParams.get('account');
  const parsed: { account?: number } = {};
  if (account !== null) {
    const accountId = positiveId(account);
    if (!accountId)
      throw new ResourceError('invalid', uri, `account must be an account id (a number), not "${account}".`);
    parsed.account = accountId;
  }
  // `basecamp://projects/1/todos/2`: the host is the first segment.
  const segments = [url.hostname, ...url.pathname.split('/')].filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      // A broken %-escape (e.g. %E0%A4%A) is a bad URI like any other, not an internal error.
      throw new ResourceError('invalid', uri, `"${uri}" is not a URI. ${FORMS}`);
    }
  });
  const [head, projectText, ...tail] = segments;
  if (head === 'my' && projectText === 'assignments' && segments.length === 2)
    return { kind: 'assignments', ...parsed };
  if (head !== 'projects') throw new ResourceError('not_found', uri, `No resource at ${uri}. ${FORMS}`);
  // A type may span segments, as in a card's own link (…/card_tables/cards/<id>); the last segment is the id.
  const whole = tail.join('/');
  const [type, recordingText] =
    tail.length < 2 || recordingKind(whole)
      ? [tail.length ? whole : undefined, undefined]
      : [tail.slice(0, -1).join('/'), tail.at(-1)];
  if (projectText === undefined) return { kind: 'projects', ...parsed };
  const projectId = positiveId(projectText);
  if (!projectId)
    throw new ResourceError('invalid', uri, `project_id must be a number, not "${projectText}". ${FORMS}`);
  if (type === undefined) return { kind: 'project', projectId, ...parsed };
  const recording = recordingKind(type);
  if (!recording)
    throw new ResourceError(
      'not_found',
      uri,
      `Unknown item type "${type}" in ${uri}. Types: ${RECORDING_TYPES.join(', ')}.`,
    );
  const recordingId = positiveId(recordingText);
  if (!recordingId)
    throw new ResourceError(
      'invalid',
      uri,
      recordingText === undefined
        ? `${uri} needs the item id: basecamp://projects/${projectId}/${type}/{recording_id}.`
        : `recording_id must be a number, not "${recordingText}".`,
    );
  return { kind: 'recording', projectId, recording, recordingId, ...parsed };
}

function operation(id: string): Operation {
  const op = findOperation(id);
  if (!op) throw new Error(`The catalog has no ${id}`);
  return op;
}

function checkEnabled(op: Operation, ctx: ToolContext, uri: string): void {
  if (ctx.disabledDomains.includes(op.domain)) {
    throw new ResourceError(
      'not_found',
      uri,
      `The ${op.domain} tools are switched off in Basecamp Companion's settings, so ${uri} is not available. The user can turn them on again.`,
    );
  }
}

async function run(
  opId: string,
  params: Record<string, unknown>,
  ctx: ToolContext,
  uri: string,
  signal?: AbortSignal,
): Promise<ToolAnswer> {
  const op = operation(opId);
  checkEnabled(op, ctx, uri);
  const answer = await executeOperation(op, params, ctx, { signal });
  if (answer.isError) {
    const code = (answer.structured?.error as { code?: string } | undefined)?.code;
    throw new ResourceError(code === 'not_found' ? 'not_found' : 'failed', uri, answer.text);
  }
  return answer;
}

/**
 * The comments under a recording, each in full. The comments tool lists only who wrote when, so this reads
 * the same catalog operation's page through the same client and renders each one with the shared view.
 */
async function commentsOf(
  recordingId: number,
  account: number | undefined,
  ctx: ToolContext,
  uri: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const op = operation('comments.list');
  checkEnabled(op, ctx, uri);
  let page;
  try {
    const client = await ctx.clientFor(account);
    page = await client.list<BasecampRecord>({
      path: wireParts(op, { recording_id: recordingId }).path,
      query: {},
      limit: COMMENTS_SHOWN,
      signal,
    });
  } catch (error) {
    const answer = answerForError(error);
    throw new ResourceError('failed', uri, answer.text);
  }
  if (page.items.length === 0) return [];
  const total = page.totalCount ?? page.items.length;
  const lines = [`## Comments (${page.items.length} of ${total})`];
  for (const comment of page.items) lines.push(renderRecord(comment, commentView).text);
  if (page.nextCursor) {
    lines.push(
      `More comments exist: bc_comments {"action": "list", "params": {"recording_id": ${recordingId}, "cursor": "${page.nextCursor}"}}.`,
    );
  }
  return lines;
}

export interface ResourceText {
  uri: string;
  mimeType: string;
  text: string;
}

/** Reads one `basecamp://` URI as Markdown. Throws ResourceError with a sentence saying what to do. */
export async function readResource(
  uri: string,
  ctx: ToolContext,
  signal?: AbortSignal,
): Promise<ResourceText> {
  const parsed = parseResourceUri(uri);
  const account = parsed.account !== undefined ? { account: parsed.account } : {};
  const done = (text: string): ResourceText => ({ uri, mimeType: MARKDOWN, text: withinBudget(text).text });
  switch (parsed.kind) {
    case 'projects': {
      const answer = await run('projects.list', { ...account, limit: PROJECTS_PER_PAGE }, ctx, uri, signal);
      return done(
        `# Basecamp projects\n\n${answer.text.replace(/call again with cursor "([^"]*)"/, 'call bc_list_projects with cursor "$1"')}`,
      );
    }
    case 'assignments': {
      const answer = await run('my.assignments', account, ctx, uri, signal);
      return done(`# My assignments\n\n${answer.text}`);
    }
    case 'project': {
      const answer = await run(
        'projects.get',
        { ...account, project_id: parsed.projectId },
        ctx,
        uri,
        signal,
      );
      return done(answer.text);
    }
    case 'recording': {
      const kind = parsed.recording!;
      const answer = await run(
        kind.operation,
        { ...account, [kind.param]: parsed.recordingId },
        ctx,
        uri,
        signal,
      );
      const bucket = (answer.structured?.bucket as { id?: unknown } | undefined)?.id;
      if (typeof bucket === 'number' && bucket !== parsed.projectId) {
        throw new ResourceError(
          'not_found',
          uri,
          `${kind.type} ${parsed.recordingId} is in project ${bucket}, not ${parsed.projectId}: read basecamp://projects/${bucket}/${kind.type}/${parsed.recordingId}.`,
        );
      }
      const parts = [answer.text];
      if (kind.comments && !ctx.disabledDomains.includes('comments')) {
        parts.push(...(await commentsOf(parsed.recordingId!, parsed.account, ctx, uri, signal)));
      }
      return done(parts.join('\n\n'));
    }
  }
}

export interface ListedResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType: string;
}

/** One page of resources/list: the fixed resources, then the projects; `nextCursor` when more projects exist. */
export async function listResources(
  ctx: ToolContext,
  cursor?: string,
  signal?: AbortSignal,
): Promise<{ resources: ListedResource[]; nextCursor?: string }> {
  const statics = cursor
    ? []
    : STATIC_RESOURCES.filter((resource) => {
        const op = resource.name === 'projects' ? 'projects.list' : 'my.assignments';
        return !ctx.disabledDomains.includes(operation(op).domain);
      }).map((resource) => ({ ...resource }));
  const projectsOp = operation('projects.list');
  if (ctx.disabledDomains.includes(projectsOp.domain)) return { resources: statics };
  const answer = await executeOperation(
    projectsOp,
    { limit: PROJECTS_PER_PAGE, ...(cursor ? { cursor } : {}) },
    ctx,
    { signal },
  );
  if (answer.isError) {
    // A bad cursor is the client's mistake; anything else (signed out) still lists the fixed resources,
    // whose reads then say what to do.
    if (cursor) throw new ResourceError('invalid', cursor, `That cursor did not work: ${answer.text}`);
    return { resources: statics };
  }
  const items = (answer.structured?.items ?? []) as { id: number; title?: string; description?: unknown }[];
  const projects = items.map((project) => ({
    uri: `basecamp://projects/${project.id}`,
    name: `project-${project.id}`,
    title: project.title ?? `Project ${project.id}`,
    ...(typeof project.description === 'string' && project.description
      ? { description: project.description.slice(0, 200) }
      : {}),
    mimeType: MARKDOWN,
  }));
  const next = answer.structured?.next_cursor;
  return { resources: [...statics, ...projects], ...(typeof next === 'string' ? { nextCursor: next } : {}) };
}

/** Values for a template variable that start with what the user typed (ids, or projects whose name matches). */
export async function completeVariable(
  variable: string,
  typed: string,
  ctx: ToolContext,
  signal?: AbortSignal,
): Promise<string[]> {
  if (variable === 'type') return RECORDING_TYPES.filter((type) => type.startsWith(typed));
  if (variable !== 'project_id') return [];
  const op = operation('projects.list');
  if (ctx.disabledDomains.includes(op.domain)) return [];
  const answer = await executeOperation(op, { limit: 100 }, ctx, { signal });
  if (answer.isError) return [];
  const wanted = typed.toLowerCase();
  return ((answer.structured?.items ?? []) as { id: number; title?: string }[])
    .filter(
      (project) =>
        String(project.id).startsWith(typed) || (project.title ?? '').toLowerCase().includes(wanted),
    )
    .map((project) => String(project.id))
    .slice(0, 100);
}
