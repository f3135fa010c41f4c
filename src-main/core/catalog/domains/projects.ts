import { z } from 'zod';
import { defineDomain, defineOperation } from '../operation.ts';
import { id } from '../params.ts';
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
  ],
});
