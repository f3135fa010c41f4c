// Shared record views: how projects, to-dos, messages… read in a list line and a detail answer.
// A domain file may define its own RecordView inline; put it here when two domains share it.
import type { BasecampRecord, RecordView } from './operation.ts';

function obj(value: unknown): BasecampRecord | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as BasecampRecord) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function names(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((person) => str(obj(person)?.name) ?? '?').join(', ');
}

const by = (record: BasecampRecord): string | undefined => {
  const name = str(obj(record.creator)?.name);
  return name ? `by ${name}` : undefined;
};

const inProject = (record: BasecampRecord): string | undefined => {
  const name = str(obj(record.bucket)?.name);
  return name ? `in ${name}` : undefined;
};

const comments = (record: BasecampRecord): string | undefined =>
  typeof record.comments_count === 'number' && record.comments_count > 0
    ? `${record.comments_count} comments`
    : undefined;

export const projectView: RecordView = {
  noun: 'project',
  facts: (r) => [
    r.status !== 'active' && str(r.status),
    str(r.purpose) === 'company_hq' && 'company HQ',
    str(r.description),
  ],
  keep: ['name', 'description', 'status', 'purpose', 'created_at', 'updated_at', 'dock'],
  // The dock holds the ids of the project's tools (to-do set, message board, Campfire…), which most next calls need.
  sections: (r) => {
    if (!Array.isArray(r.dock) || r.dock.length === 0) return [];
    const lines = ['', '**Tools in this project (dock)**'];
    for (const entry of r.dock) {
      const tool = obj(entry);
      if (!tool) continue;
      const off = tool.enabled === false ? ' (disabled)' : '';
      lines.push(`- ${str(tool.title) ?? str(tool.name)}: ${str(tool.name)} id ${String(tool.id)}${off}`);
    }
    return lines;
  },
};

export const todolistView: RecordView = {
  noun: 'to-do list',
  facts: (r) => [
    str(r.completed_ratio) && `${str(r.completed_ratio)} done`,
    r.completed === true && 'completed',
    inProject(r),
  ],
  keep: ['name', 'completed', 'completed_ratio', 'status', 'parent', 'bucket'],
};

export const todoView: RecordView = {
  noun: 'to-do',
  facts: (r) => [
    r.completed === true ? 'done' : 'open',
    str(r.due_on) && `due ${str(r.due_on)}`,
    str(r.starts_on) && `starts ${str(r.starts_on)}`,
    names(r.assignees) && `assigned to ${names(r.assignees)}`,
    comments(r),
    inProject(r),
  ],
  richText: ['description'],
  keep: [
    'content',
    'completed',
    'due_on',
    'starts_on',
    'assignees',
    'status',
    'parent',
    'bucket',
    'position',
  ],
};

export const messageView: RecordView = {
  noun: 'message',
  facts: (r) => [
    r.status === 'drafted' && 'draft',
    by(r),
    comments(r),
    str(r.created_at)?.slice(0, 10),
    inProject(r),
  ],
  richText: ['content'],
  keep: ['subject', 'status', 'creator', 'created_at', 'updated_at', 'comments_count', 'bucket', 'parent'],
};

export const commentView: RecordView = {
  noun: 'comment',
  title: (r) => str(obj(r.creator)?.name),
  facts: (r) => [str(r.created_at)?.slice(0, 16).replace('T', ' ')],
  richText: ['content'],
  keep: ['creator', 'created_at', 'parent', 'bucket'],
};

export const campfireView: RecordView = {
  noun: 'Campfire',
  facts: (r) => [inProject(r), str(r.topic)],
  keep: ['title', 'topic', 'bucket', 'lines_url'],
};

export const chatLineView: RecordView = {
  noun: 'Campfire line',
  title: (r) => str(obj(r.creator)?.name),
  facts: (r) => [str(r.created_at)?.slice(0, 16).replace('T', ' ')],
  richText: ['content'],
  keep: ['creator', 'created_at', 'parent'],
};

export const searchResultView: RecordView = {
  noun: 'result',
  facts: (r) => [str(r.type), inProject(r), by(r), str(r.updated_at)?.slice(0, 10)],
  richText: ['plain_text_content'],
  keep: ['type', 'bucket', 'creator', 'updated_at', 'parent'],
};

export const personView: RecordView = {
  noun: 'person',
  facts: (r) => [
    str(r.email_address),
    str(r.title),
    r.admin === true && 'admin',
    r.client === true && 'client',
  ],
  keep: ['name', 'email_address', 'title', 'admin', 'owner', 'client', 'time_zone', 'attachable_sgid'],
};
