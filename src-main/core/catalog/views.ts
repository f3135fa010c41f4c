// Shared record views: how projects, to-dos, messages… read in a list line and a detail answer.
// A domain file may define its own RecordView inline; put it here when two domains share it.
import { by, count, day, due, inProject, names, obj, str, when } from './facts.ts';
import type { BasecampRecord, RecordView } from './operation.ts';

const comments = (record: BasecampRecord): string | undefined => count(record.comments_count, 'comment');

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
    due(r),
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
  facts: (r) => [r.status === 'drafted' && 'draft', by(r), comments(r), day(r.created_at), inProject(r)],
  richText: ['content'],
  keep: ['subject', 'status', 'creator', 'created_at', 'updated_at', 'comments_count', 'bucket', 'parent'],
};

export const commentView: RecordView = {
  noun: 'comment',
  title: (r) => str(obj(r.creator)?.name),
  excerpt: 'content',
  facts: (r) => [when(r.created_at)],
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
  excerpt: 'content',
  facts: (r) => [when(r.created_at)],
  richText: ['content'],
  keep: ['creator', 'created_at', 'parent'],
};

export const searchResultView: RecordView = {
  noun: 'result',
  facts: (r) => [str(r.type), inProject(r), by(r), day(r.updated_at)],
  richText: ['plain_text_content'],
  snippet: ['plain_text_content', 'plain_text_description'],
  keep: ['type', 'bucket', 'creator', 'updated_at', 'parent'],
};

export const personView: RecordView = {
  noun: 'person',
  plural: 'people',
  // `title` on a person is the job title, not a headline.
  title: (r) => str(r.name),
  facts: (r) => [
    str(r.email_address),
    str(r.title),
    r.admin === true && 'admin',
    r.client === true && 'client',
  ],
  keep: ['name', 'email_address', 'admin', 'owner', 'client', 'time_zone', 'attachable_sgid'],
};
