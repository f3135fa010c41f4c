// The registry: every domain, hence every Basecamp operation the companion serves.
// Adding a domain = one file in domains/ (default export `defineDomain({...})`) + one line below.
//
// Domains are coarse on purpose: each becomes ONE tool (`bc_<name>`) with an `action` enum, and the
// default tools/list must stay ≤ 30 tools (direct tools included). Planned grouping of the whole API:
//   account (orientation: whoami, search, links, account), projects (+ dock tools, templates),
//   people, todos (todosets, lists, groups, to-dos, hill charts), messages (+ boards, types, pins),
//   comments, campfires (+ chatbots), cards (card tables, columns, cards, steps), files (vaults,
//   documents, uploads, attachments, cloud files), schedules (+ lineup markers), checkins, inbox,
//   recordings (status, events, boosts, subscriptions, client visibility, bookmarks),
//   reports (reports, timeline, gauges, timesheets), my (assignments, readings, drafts, notes,
//   priorities), clients (approvals, correspondences, replies), webhooks.
import type { Domain, Operation } from './operation.ts';
import account from './domains/account.ts';
import campfires from './domains/campfires.ts';
import comments from './domains/comments.ts';
import messages from './domains/messages.ts';
import projects from './domains/projects.ts';
import todos from './domains/todos.ts';

export const domains: readonly Domain[] = [account, projects, todos, messages, comments, campfires];

export const operations: readonly Operation[] = domains.flatMap((domain) => domain.operations);

export function findOperation(operationId: string): Operation | undefined {
  return operations.find((op) => op.id === operationId);
}

export type { Domain, Operation } from './operation.ts';
