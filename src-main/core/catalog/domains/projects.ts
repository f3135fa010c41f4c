import { z } from 'zod';
import type { BasecampRecord } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { id, line, MAX_LINE } from '../params.ts';
import { projectView } from '../views.ts';

export default defineDomain({
  name: 'projects',
  title: 'Projects',
  summary:
    'Basecamp projects and the tools in their dock (to-do set, message board, Campfire, docs, schedule, card table).',
  operations: [
    defineOperation({
      id: 'projects.list',
      domain: 'projects',
      action: 'list',
      title: 'List projects',
      summary: 'List the projects you can see, newest first; use status to see archived or trashed ones.',
      method: 'GET',
      path: '/projects.json',
      params: z.object({
        status: z
          .enum(['archived', 'trashed'])
          .optional()
          .describe('Show archived or trashed projects instead of active ones'),
      }),
      query: ['status'],
      kind: 'read',
      paginated: true,
      openapi: ['ListProjects'],
      view: projectView,
      direct: { name: 'bc_list_projects', title: 'List Basecamp projects' },
    }),
    defineOperation({
      id: 'projects.get',
      domain: 'projects',
      action: 'get',
      title: 'Get a project',
      summary:
        'One project with its dock: the ids of its to-do set, message board, Campfire and other tools, needed by most next calls.',
      method: 'GET',
      path: '/projects/{project_id}.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'read',
      openapi: ['GetProject'],
      view: projectView,
      direct: { name: 'bc_get_project', title: 'Get a Basecamp project and its tools' },
    }),
    defineOperation({
      id: 'projects.create',
      domain: 'projects',
      action: 'create',
      title: 'Create a project',
      summary: 'Start a new project with a name and an optional description; you become its first member.',
      method: 'POST',
      path: '/projects.json',
      params: z.object({
        name: line('The project name'),
        description: z
          .string()
          .max(MAX_LINE * 10)
          .optional()
          .describe('One or two sentences about the project (plain text)'),
      }),
      kind: 'write',
      openapi: ['CreateProject'],
      view: projectView,
    }),
    defineOperation({
      id: 'projects.update',
      domain: 'projects',
      action: 'update',
      title: 'Update a project',
      summary:
        'Rename a project, change its description or who can join; fields you leave out keep their value.',
      method: 'PUT',
      path: '/projects/{project_id}.json',
      params: z.object({
        project_id: id('The project id'),
        name: line('The new name').optional(),
        description: z
          .string()
          .max(MAX_LINE * 10)
          .optional()
          .describe('The new description (plain text)'),
        admissions: z
          .enum(['invite', 'employee', 'team'])
          .optional()
          .describe(
            'Who may join: invite (invited only), employee (anyone in the company), team (anyone on the account)',
          ),
      }),
      kind: 'write',
      openapi: ['UpdateProject'],
      // Basecamp needs the name on every update; send the current one when the agent changes something else.
      replace: {
        path: '/projects/{project_id}.json',
        writable: (project: BasecampRecord) => ({
          name: project.name,
          description: project.description ?? '',
        }),
      },
      view: projectView,
    }),
    defineOperation({
      id: 'projects.archive',
      domain: 'projects',
      action: 'archive',
      title: 'Archive a project',
      summary:
        'Archive a finished project: it becomes read-only and leaves the project list, and can be unarchived.',
      method: 'PUT',
      path: '/projects/{project_id}/status/archived.json',
      params: z.object({ project_id: id('The project id') }),
      // Archiving hides the project from everyone's list: confirm first, like trashing.
      kind: 'destructive',
      openapi: ['ArchiveProject'],
      subject: '/projects/{project_id}.json',
      readBack: {
        path: '/projects/{project_id}.json',
        check: (project) =>
          project.status === 'archived'
            ? undefined
            : `Basecamp answered OK but the project is still ${String(project.status)}.`,
      },
      view: projectView,
    }),
    defineOperation({
      id: 'projects.unarchive',
      domain: 'projects',
      action: 'unarchive',
      title: 'Unarchive a project',
      summary: 'Bring an archived project back to the active list.',
      method: 'PUT',
      path: '/projects/{project_id}/status/active.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'write',
      openapi: ['UnarchiveProject'],
      readBack: {
        path: '/projects/{project_id}.json',
        check: (project) =>
          project.status === 'active'
            ? undefined
            : `Basecamp answered OK but the project is still ${String(project.status)}.`,
      },
      view: projectView,
    }),
    defineOperation({
      id: 'projects.trash',
      domain: 'projects',
      action: 'trash',
      title: 'Trash a project',
      summary:
        'Move a project and everything in it to the trash; Basecamp deletes it for good after 30 days.',
      method: 'DELETE',
      path: '/projects/{project_id}.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'destructive',
      openapi: ['TrashProject'],
      subject: '/projects/{project_id}.json',
    }),
  ],
});
