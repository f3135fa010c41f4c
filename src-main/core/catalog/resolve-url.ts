// Pasted Basecamp links → account, project, type and id, then the record itself.
// Web links (3.basecamp.com) and API links (3.basecampapi.com) share the same path shape.
import type { RecordView, RunContext, ToolAnswer } from './operation.ts';
import { recordingKind } from './recording-kinds.ts';
import { renderList, renderRecord } from './shapers.ts';
import { campfireView, commentView, messageView, projectView, todolistView, todoView } from './views.ts';

/** How a record reads, by the kind segment of its link. */
const VIEWS: Record<string, RecordView> = {
  projects: projectView,
  todos: todoView,
  todolists: todolistView,
  messages: messageView,
  comments: commentView,
  chats: campfireView,
};

/** What a link's kind segment is called in a sentence, where no record view names it. */
const KIND_NOUNS: Record<string, string> = {
  uploads: 'file',
  documents: 'document',
  vaults: 'folder',
  schedule_entries: 'event',
  'card_tables/cards': 'card',
  card_tables: 'card table',
  questionnaires: 'check-ins',
  questions: 'check-in question',
  question_answers: 'check-in answer',
  message_boards: 'message board',
  todosets: 'to-do set',
  inbox_forwards: 'e-mail forward',
};

export interface ParsedBasecampUrl {
  accountId: number;
  projectId?: number;
  /** The path segment naming the kind, e.g. `todos`, `messages`, `card_tables/cards`. */
  type?: string;
  recordId?: number;
  /** A comment or line inside the page (`#__recording_123` or `@123`). */
  anchorId?: number;
}

const HOSTS = /^(3\.basecamp\.com|3\.basecampapi\.com|app\.basecamp\.com)$/;

function appPath(url: URL): string {
  return url.pathname.replace(/^\/app(?=\/\d)/, '');
}

/** `extraOrigins`: the account's own API origin (the sandbox serves its web pages there, under `/app/`). */
export function parseBasecampUrl(raw: string, extraOrigins: string[] = []): ParsedBasecampUrl | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (!HOSTS.test(url.hostname) && !extraOrigins.includes(url.origin)) return undefined;
  const segments = appPath(url)
    .replace(/\.json$/, '')
    .split('/')
    .filter(Boolean);
  const accountId = Number(segments.shift());
  if (!Number.isSafeInteger(accountId) || accountId <= 0) return undefined;
  const parsed: ParsedBasecampUrl = { accountId };
  if (segments[0] === 'buckets' || segments[0] === 'projects') {
    const projectId = Number(segments[1]);
    if (Number.isSafeInteger(projectId)) parsed.projectId = projectId;
    segments.splice(0, 2);
  }
  // The last numeric segment is the record; everything before it (minus numbers) its kind.
  const last = segments.at(-1);
  const at = last?.match(/^(\d+)@(\d+)$/);
  if (at) {
    parsed.recordId = Number(at[1]);
    parsed.anchorId = Number(at[2]);
    segments.pop();
  } else if (last && /^\d+$/.test(last)) {
    parsed.recordId = Number(last);
    segments.pop();
  }
  const kind = segments.filter((s) => !/^\d+$/.test(s)).join('/');
  if (kind) parsed.type = kind;
  const anchor = url.hash.match(/__recording_(\d+)/);
  if (anchor) parsed.anchorId = Number(anchor[1]);
  return parsed;
}

/** A GET path template (`/people/{person_id}.json`) as a pattern; undefined for templates with no fixed segment. */
function templatePattern(template: string): RegExp | undefined {
  const fixed = template.split('/').some((segment) => segment && !/^\{[^}]+\}(\.json)?$/.test(segment));
  if (!fixed) return undefined;
  // An id is digits and a word (`/todos/{filter}.json`) is not, so a to-do's link is not a report's too.
  const body = template
    .split(/(\{[^}]+\})/)
    .map((part) =>
      !/^\{[^}]+\}$/.test(part)
        ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        : /id\}$/.test(part)
          ? '\\d+'
          : '[^/]*[^/\\d][^/]*',
    )
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * The domains whose read actions serve this API path (bucket routes are aliases of flat ones). The catalog is
 * loaded lazily: it imports this module through the account domain.
 */
async function domainsServing(path: string): Promise<Set<string>> {
  const { operations } = await import('./index.ts');
  const candidates = [path, path.replace(/^\/buckets\/\d+(?=\/)/, '')];
  const found = new Set<string>();
  for (const op of operations) {
    if (op.method !== 'GET') continue;
    const pattern = templatePattern(op.path);
    if (pattern && candidates.some((candidate) => pattern.test(candidate))) found.add(op.domain);
  }
  return found;
}

/** One item's link reads the way its own get action shows it (a card as `cards get` does). */
async function kindView(type: string | undefined): Promise<RecordView | undefined> {
  const kind = recordingKind(type);
  if (!kind) return undefined;
  const { findOperation } = await import('./index.ts');
  return findOperation(kind.operation)?.view;
}

export async function resolveBasecampUrl(ctx: RunContext, raw: string): Promise<ToolAnswer> {
  const parsed = parseBasecampUrl(raw, [new URL(ctx.client.account.href).origin]);
  if (!parsed) {
    return {
      isError: true,
      text: 'That is not a Basecamp link. Paste a link like https://3.basecamp.com/<account>/buckets/<project>/todos/<id>.',
    };
  }
  const known = ctx.accounts.find((a) => a.id === parsed.accountId);
  if (!known) {
    const list = ctx.accounts.map((a) => `${a.name} (${a.id})`).join(', ') || 'none';
    return {
      isError: true,
      text: `The link is in account ${parsed.accountId}, which you are not signed in to. Your accounts: ${list}.`,
    };
  }
  const facts = [
    `Account ${known.name} (${parsed.accountId})`,
    parsed.projectId && `project ${parsed.projectId}`,
    parsed.type && (VIEWS[parsed.type]?.noun ?? KIND_NOUNS[parsed.type] ?? parsed.type.replace(/_/g, ' ')),
    parsed.recordId && `id ${parsed.recordId}`,
    parsed.anchorId && `points at item ${parsed.anchorId} inside it`,
  ].filter(Boolean);
  const structured: Record<string, unknown> = { ...parsed };
  if (!parsed.type && !parsed.recordId && !parsed.projectId) return { text: facts.join(' · '), structured };

  // The link's own path (minus the account) is a valid API path: bucket routes are aliases of flat ones.
  // Doubled and trailing slashes squeezed, escaped letters (t%6Fdos) read plainly: the domain check sees the
  // path Basecamp's router serves.
  const pathname = appPath(new URL(raw.trim()))
    .replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
      const char = String.fromCharCode(parseInt(hex, 16));
      return /[A-Za-z0-9._~-]/.test(char) ? char : escape;
    })
    .replace(/\/{2,}/g, '/')
    .replace(/(.)\/$/, '$1')
    .replace(/\.json$/, '')
    .replace(/\/(\d+)@\d+$/, '/$1');
  const path = `${pathname.replace(/^\/\d+/, '')}.json`;
  // A domain the user switched off stays off: a link must not read what its tool would not.
  const disabled = new Set(ctx.disabledDomains ?? []);
  if (disabled.size) {
    const serving = await domainsServing(path);
    if (serving.size && [...serving].every((domain) => disabled.has(domain))) {
      const names = [...serving].join(', ');
      return {
        isError: true,
        text: `${facts.join(' · ')}\n\nThis link points into ${names}, which is switched off in Basecamp Companion's settings, so it was not opened. Switch ${names} back on in the companion if the agent should read it.`,
        structured: { ...structured, error: { code: 'domain_disabled', message: `Domain ${names} is off.` } },
      };
    }
  }
  const client = await ctx.clientFor(parsed.accountId);
  const { data } = await client.request<unknown>({ method: 'GET', path, signal: ctx.signal });
  const view =
    (parsed.recordId !== undefined ? await kindView(parsed.type) : undefined) ??
    (parsed.type ? VIEWS[parsed.type.split('/').pop() ?? ''] : undefined);
  if (Array.isArray(data)) {
    // A link to a page of items (e.g. a list's to-dos): show the first ones and point at the paged tools.
    const list = renderList(data.slice(0, 25) as Record<string, unknown>[], view, {
      has_more: data.length > 25,
    });
    const more =
      data.length > 25 ? '\n\nUse the matching list tool with limit and cursor to see everything.' : '';
    return {
      text: `${facts.join(' · ')}\n\n${list.text.replace(/\n\nMore .*$/s, '')}${more}`,
      structured: { ...structured, ...list.structured },
    };
  }
  if (!data || typeof data !== 'object') return { text: facts.join(' · '), structured };
  const shown = renderRecord(data as Record<string, unknown>, view);
  return {
    text: `${facts.join(' · ')}\n\n${shown.text}`,
    structured: { ...structured, record: shown.structured },
  };
}
