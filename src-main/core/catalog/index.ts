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
import { defineDomain } from './operation.ts';
import account from './domains/account.ts';
import campfires from './domains/campfires.ts';
import comments from './domains/comments.ts';
import messages from './domains/messages.ts';
import people from './domains/people.ts';
import projects from './domains/projects.ts';
import todos from './domains/todos.ts';
import cards from './domains/cards.ts';
import checkins from './domains/checkins.ts';
import clients from './domains/clients.ts';
import files from './domains/files.ts';
import inbox from './domains/inbox.ts';
import my from './domains/my.ts';
import recordings from './domains/recordings.ts';
import reports from './domains/reports.ts';
import schedules from './domains/schedules.ts';
import webhooks from './domains/webhooks.ts';
import { accountSettingsOperations } from './domains/account-settings.ts';
import {
  accountLogoOperations,
  attachmentOperations,
  campfireUploadOperations,
  downloadOperations,
} from './domains/attachments.ts';
import { chatbotOperations } from './domains/chatbots.ts';
import { hillChartOperations } from './domains/hill-charts.ts';
import { messageTypeOperations } from './domains/message-types.ts';
import { projectSetupOperations } from './domains/project-setup.ts';

/** A domain plus actions kept in their own files (same tool, more actions). */
function withMore(domain: Domain, more: readonly Operation[]): Domain {
  return defineDomain({ ...domain, operations: [...domain.operations, ...more] });
}

export const domains: readonly Domain[] = [
  withMore(account, [...accountSettingsOperations, ...accountLogoOperations]),
  withMore(projects, projectSetupOperations),
  withMore(todos, hillChartOperations),
  withMore(messages, messageTypeOperations),
  comments,
  people,
  withMore(campfires, [...chatbotOperations, ...campfireUploadOperations]),
  my,
  cards,
  withMore(files, [...attachmentOperations, ...downloadOperations]),
  schedules,
  checkins,
  inbox,
  clients,
  recordings,
  reports,
  webhooks,
];

export const operations: readonly Operation[] = domains.flatMap((domain) => domain.operations);

export function findOperation(operationId: string): Operation | undefined {
  return operations.find((op) => op.id === operationId);
}

export type { Domain, Operation } from './operation.ts';
