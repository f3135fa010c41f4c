// More actions of the `projects` tool: templates and projects made from them, the tools in a
// project's dock, home-screen folders of projects, and who has access. Added to the projects
// domain in catalog/index.ts.
import { z } from 'zod';
import type { Operation, RecordView } from '../operation.ts';
import { defineOperation } from '../operation.ts';
import { id, ids, line } from '../params.ts';
import { inProject, obj, str } from '../facts.ts';

const TOOL_TYPES = [
  'Chat::Transcript',
  'Inbox',
  'Kanban::Board',
  'Message::Board',
  'Questionnaire',
  'Schedule',
  'Todoset',
  'Vault',
] as const;

const templateView: RecordView = {
  noun: 'template',
  facts: (r) => [r.status !== 'active' && str(r.status), str(r.description)],
  keep: ['name', 'description', 'status', 'dock'],
};

const constructionView: RecordView = {
  noun: 'project construction',
  title: (r) => str(obj(r.project)?.name) ?? `construction ${String(r.id)}`,
  facts: (r) => [
    r.status === 'completed' ? 'ready' : `still ${str(r.status) ?? 'working'}: ask again in a second`,
    obj(r.project)?.id !== undefined && `project id ${String(obj(r.project)?.id)}`,
  ],
  keep: ['status', 'project'],
};

const toolView: RecordView = {
  noun: 'dock tool',
  facts: (r) => [
    str(r.name),
    r.enabled === false ? 'hidden' : 'on the dock',
    typeof r.position === 'number' && `position ${r.position}`,
    inProject(r),
  ],
  keep: ['name', 'enabled', 'position', 'bucket'],
};

const folderView: RecordView = {
  noun: 'folder',
  facts: (r) => [Array.isArray(r.bucket_ids) && `${r.bucket_ids.length} projects`, str(r.color)],
  keep: ['name', 'bucket_ids', 'projects', 'color'],
};

const accessView: RecordView = {
  noun: 'access change',
  title: () => 'Project access changed',
  facts: (r) => [
    Array.isArray(r.granted) &&
      `granted: ${r.granted.map((p) => str(obj(p)?.name) ?? '?').join(', ') || 'nobody'}`,
    Array.isArray(r.revoked) &&
      `revoked: ${r.revoked.map((p) => str(obj(p)?.name) ?? '?').join(', ') || 'nobody'}`,
  ],
  keep: ['granted', 'revoked'],
};

export const projectSetupOperations: Operation[] = [
  defineOperation({
    id: 'projects.templates',
    domain: 'projects',
    action: 'templates',
    title: 'List templates',
    summary: 'The project templates of the account.',
    method: 'GET',
    path: '/templates.json',
    params: z.object({
      status: z
        .enum(['archived', 'trashed'])
        .optional()
        .describe('Show archived or trashed templates instead'),
    }),
    query: ['status'],
    kind: 'read',
    paginated: true,
    openapi: ['ListTemplates'],
    view: templateView,
  }),
  defineOperation({
    id: 'projects.template',
    domain: 'projects',
    action: 'template',
    title: 'Get a template',
    summary: 'One project template with its tools.',
    method: 'GET',
    path: '/templates/{template_id}.json',
    params: z.object({ template_id: id('The template id') }),
    kind: 'read',
    openapi: ['GetTemplate'],
    view: templateView,
  }),
  defineOperation({
    id: 'projects.create_template',
    domain: 'projects',
    action: 'create_template',
    title: 'Create a template',
    summary: 'Start a new, empty project template.',
    method: 'POST',
    path: '/templates.json',
    params: z.object({ name: line('The template name'), description: line('What it is for').optional() }),
    kind: 'write',
    openapi: ['CreateTemplate'],
    view: templateView,
  }),
  defineOperation({
    id: 'projects.update_template',
    domain: 'projects',
    action: 'update_template',
    title: 'Update a template',
    summary: 'Rename a template or change its description.',
    method: 'PUT',
    path: '/templates/{template_id}.json',
    params: z.object({
      template_id: id('The template id'),
      name: line('The template name').optional(),
      description: line('What it is for').optional(),
    }),
    kind: 'write',
    openapi: ['UpdateTemplate'],
    view: templateView,
  }),
  defineOperation({
    id: 'projects.delete_template',
    domain: 'projects',
    action: 'delete_template',
    title: 'Trash a template',
    summary: 'Move a template to the trash.',
    method: 'DELETE',
    path: '/templates/{template_id}.json',
    params: z.object({ template_id: id('The template id') }),
    kind: 'destructive',
    openapi: ['DeleteTemplate'],
  }),
  defineOperation({
    id: 'projects.from_template',
    domain: 'projects',
    action: 'from_template',
    title: 'Create a project from a template',
    summary:
      'Start a new project from a template; Basecamp builds it in the background (check with construction).',
    method: 'POST',
    path: '/templates/{template_id}/project_constructions.json',
    params: z.object({
      template_id: id('The template id'),
      project: z
        .object({
          name: line('The new project’s name'),
          description: line('What the project is for').optional(),
        })
        .describe('The new project'),
    }),
    kind: 'write',
    openapi: ['CreateProjectFromTemplate'],
    view: constructionView,
  }),
  defineOperation({
    id: 'projects.construction',
    domain: 'projects',
    action: 'construction',
    title: 'Is the project from a template ready',
    summary:
      'The state of a project being built from a template; status completed means the project is ready.',
    method: 'GET',
    path: '/templates/{template_id}/project_constructions/{construction_id}.json',
    params: z.object({
      template_id: id('The template id'),
      construction_id: id('The construction id from from_template'),
    }),
    kind: 'read',
    openapi: ['GetProjectConstruction'],
    view: constructionView,
  }),
  defineOperation({
    id: 'projects.tool',
    domain: 'projects',
    action: 'tool',
    title: 'Get a dock tool',
    summary: 'One tool of a project’s dock (its id is in the project’s dock list).',
    method: 'GET',
    path: '/dock/tools/{tool_id}.json',
    params: z.object({ tool_id: id('The tool id from the project’s dock') }),
    kind: 'read',
    openapi: ['GetTool'],
    view: toolView,
  }),
  defineOperation({
    id: 'projects.add_tool',
    domain: 'projects',
    action: 'add_tool',
    title: 'Add a tool to a project',
    summary:
      'Add another to-do set, message board, Campfire, card table, schedule, check-ins, inbox or Docs & Files to a project’s dock.',
    method: 'POST',
    path: '/buckets/{project_id}/dock/tools.json',
    params: z.object({
      project_id: id('The project id'),
      tool_type: z
        .enum(TOOL_TYPES)
        .describe(
          'Which tool: Todoset, Message::Board, Chat::Transcript (Campfire), Kanban::Board (card table), Schedule, Questionnaire (check-ins), Inbox, Vault (Docs & Files)',
        ),
      title: line('Its title (default: the usual name)').optional(),
      visible_to_clients: z
        .boolean()
        .optional()
        .describe('Show it to clients (Campfire and card tables only)'),
    }),
    kind: 'write',
    openapi: ['CreateTool'],
    view: toolView,
  }),
  defineOperation({
    id: 'projects.rename_tool',
    domain: 'projects',
    action: 'rename_tool',
    title: 'Rename a dock tool',
    summary: 'Change the title of a tool in a project’s dock.',
    method: 'PUT',
    path: '/dock/tools/{tool_id}.json',
    params: z.object({ tool_id: id('The tool id'), title: line('The new title') }),
    kind: 'write',
    openapi: ['UpdateTool'],
    view: toolView,
  }),
  defineOperation({
    id: 'projects.delete_tool',
    domain: 'projects',
    action: 'delete_tool',
    title: 'Delete a dock tool',
    summary: 'Trash a tool of a project’s dock together with everything in it.',
    method: 'DELETE',
    path: '/dock/tools/{tool_id}.json',
    params: z.object({ tool_id: id('The tool id') }),
    kind: 'destructive',
    openapi: ['DeleteTool'],
  }),
  defineOperation({
    id: 'projects.enable_tool',
    domain: 'projects',
    action: 'enable_tool',
    title: 'Show a dock tool',
    summary: 'Put a hidden tool back on the project’s dock.',
    method: 'POST',
    path: '/recordings/{tool_id}/position.json',
    params: z.object({ tool_id: id('The tool id') }),
    kind: 'write',
    idempotent: true,
    openapi: ['EnableTool'],
    readBack: {
      path: '/dock/tools/{tool_id}.json',
      check: (tool) =>
        tool.enabled === false ? 'Basecamp answered OK but the tool is still hidden.' : undefined,
    },
    view: toolView,
  }),
  defineOperation({
    id: 'projects.disable_tool',
    domain: 'projects',
    action: 'disable_tool',
    title: 'Hide a dock tool',
    summary:
      'Take a tool off the project’s dock without deleting what is in it (enable_tool brings it back).',
    method: 'DELETE',
    path: '/recordings/{tool_id}/position.json',
    params: z.object({ tool_id: id('The tool id') }),
    kind: 'write',
    openapi: ['DisableTool'],
    readBack: {
      path: '/dock/tools/{tool_id}.json',
      check: (tool) =>
        tool.enabled === true ? 'Basecamp answered OK but the tool is still on the dock.' : undefined,
    },
    view: toolView,
  }),
  defineOperation({
    id: 'projects.move_tool',
    domain: 'projects',
    action: 'move_tool',
    title: 'Move a dock tool',
    summary: 'Change where a tool sits on the project’s dock.',
    method: 'PUT',
    path: '/recordings/{tool_id}/position.json',
    params: z.object({
      tool_id: id('The tool id'),
      position: z.number().int().min(1).describe('New place on the dock, 1 = first'),
    }),
    kind: 'write',
    openapi: ['RepositionTool'],
    view: toolView,
  }),
  defineOperation({
    id: 'projects.folders',
    domain: 'projects',
    action: 'folders',
    title: 'List project folders',
    summary: 'Your home-screen folders that group projects, in home-screen order.',
    method: 'GET',
    path: '/stacks.json',
    params: z.object({}),
    kind: 'read',
    openapi: ['ListFolders'],
    view: folderView,
  }),
  defineOperation({
    id: 'projects.folder',
    domain: 'projects',
    action: 'folder',
    title: 'Get a project folder',
    summary: 'One home-screen folder with its projects.',
    method: 'GET',
    path: '/stacks/{folder_id}.json',
    params: z.object({ folder_id: id('The folder id') }),
    kind: 'read',
    openapi: ['GetFolder'],
    view: folderView,
  }),
  defineOperation({
    id: 'projects.create_folder',
    domain: 'projects',
    action: 'create_folder',
    title: 'Create a project folder',
    summary: 'Make a home-screen folder and file projects into it.',
    method: 'POST',
    path: '/stacks.json',
    params: z.object({ name: line('The folder name'), project_ids: ids('Projects to put in it').optional() }),
    kind: 'write',
    openapi: ['CreateFolder'],
    view: folderView,
  }),
  defineOperation({
    id: 'projects.rename_folder',
    domain: 'projects',
    action: 'rename_folder',
    title: 'Rename a project folder',
    summary: 'Change the name of a home-screen folder.',
    method: 'PUT',
    path: '/stacks/{folder_id}.json',
    params: z.object({ folder_id: id('The folder id'), name: line('The new name') }),
    kind: 'write',
    openapi: ['UpdateFolder'],
    view: folderView,
  }),
  defineOperation({
    id: 'projects.delete_folder',
    domain: 'projects',
    action: 'delete_folder',
    title: 'Delete a project folder',
    summary: 'Remove a home-screen folder (its projects stay, unfiled).',
    method: 'DELETE',
    path: '/stacks/{folder_id}.json',
    params: z.object({ folder_id: id('The folder id') }),
    kind: 'destructive',
    openapi: ['DeleteFolder'],
  }),
  defineOperation({
    id: 'projects.grant_access',
    domain: 'projects',
    action: 'grant_access',
    title: 'Add people to a project',
    summary:
      'Give people access to a project: existing people by id, or new people by name and e-mail (they get an invitation).',
    method: 'PUT',
    path: '/projects/{project_id}/people/users.json',
    params: z.object({
      project_id: id('The project id'),
      grant: ids('Existing people (person ids) to add').optional(),
      create: z
        .array(
          z.object({
            name: line('Their name'),
            email_address: z.email().describe('Their e-mail address'),
            title: line('Their job title').optional(),
            company_name: line('Their company').optional(),
          }),
        )
        .max(50)
        .optional()
        .describe('New people to invite to Basecamp and add to the project'),
    }),
    kind: 'write',
    idempotent: true,
    openapi: ['UpdateProjectAccess'],
    view: accessView,
  }),
  defineOperation({
    id: 'projects.revoke_access',
    domain: 'projects',
    action: 'revoke_access',
    title: 'Remove people from a project',
    summary: 'Take people off a project: they lose access to everything in it.',
    method: 'PUT',
    path: '/projects/{project_id}/people/users.json',
    params: z.object({
      project_id: id('The project id'),
      revoke: ids('People (person ids) to remove').min(1),
    }),
    kind: 'destructive',
    openapi: ['UpdateProjectAccess'],
    view: accessView,
  }),
];
