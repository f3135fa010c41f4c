// The tool surface every AI client sees: a lint over every tool, the budget, read-only mode and
// disabled domains. Derived from the whole catalog, so a new domain file is checked the moment it lands.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NeedsSignInError } from '../auth/errors.ts';
import type { ToolContext } from './executor.ts';
import { domains, operations } from './index.ts';
import { TOOL_BUDGET, actionJsonSchema, buildTools, type ToolDefinition } from './tools.ts';

function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    clientFor: async () => {
      throw new NeedsSignInError('You are not signed in to Basecamp.', { signedOut: true });
    },
    accounts: () => [{ id: 1, name: 'Test' }],
    readOnly: false,
    disabledDomains: [],
    ...overrides,
  };
}

/** Every property of a JSON Schema object, recursively, with its path. */
function* properties(
  schema: Record<string, unknown>,
  path: string,
): Generator<[string, Record<string, unknown>]> {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, prop] of Object.entries(props)) {
    yield [`${path}.${name}`, prop];
    if (prop.type === 'object' && prop.properties) yield* properties(prop, `${path}.${name}`);
  }
}

function lintTool(tool: ToolDefinition): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${tool.name}: ${problem}`);
  if (!/^[a-zA-Z0-9_-]+$/.test(tool.name)) say('name has characters outside [a-zA-Z0-9_-]');
  if (tool.name.length > 40) say(`name is ${tool.name.length} characters (max 40)`);
  if (!tool.name.startsWith('bc_')) say('name lacks the bc_ prefix');
  if (!tool.title.trim()) say('no title');
  if (tool.annotations.title !== tool.title) say('annotations.title differs from title');
  for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    if (typeof tool.annotations[hint] !== 'boolean') say(`annotation ${hint} not set`);
  }
  if (tool.description.length < 20) say('description too short');
  const schema = tool.inputSchema as Record<string, unknown>;
  if (schema.type !== 'object' || typeof schema.properties !== 'object')
    say('inputSchema is not a plain object schema');
  for (const key of ['anyOf', 'oneOf', 'allOf', '$ref', '$defs', 'definitions', 'not']) {
    if (key in schema) say(`inputSchema has top-level ${key}`);
  }
  if (JSON.stringify(schema).includes('"$ref"')) say('inputSchema uses $ref');
  for (const [path, prop] of properties(schema, 'input')) {
    if (typeof prop.description !== 'string' || !prop.description.trim()) say(`${path} has no description`);
  }
  return problems;
}

describe('tool surface', () => {
  const tools = buildTools(context());

  test(`the default list stays within ${TOOL_BUDGET} tools`, () => {
    assert.ok(tools.length <= TOOL_BUDGET, `${tools.length} tools: ${tools.map((t) => t.name).join(', ')}`);
  });

  test('every tool passes the lint (names, titles, annotations, plain object schemas, described params)', () => {
    const problems = tools.flatMap(lintTool);
    assert.deepEqual(problems, []);
  });

  test('every action of every domain has a plain, described params schema', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const schema = actionJsonSchema(op);
      if (schema.type !== 'object') problems.push(`${op.id}: not an object schema`);
      if (JSON.stringify(schema).includes('"$ref"')) problems.push(`${op.id}: uses $ref`);
      for (const [path, prop] of properties(schema, op.id)) {
        if (typeof prop.description !== 'string' || !prop.description.trim())
          problems.push(`${path} has no description`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('catalog entries are consistent: unique ids, placeholders declared, query fields declared, sane kinds', () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const op of operations) {
      if (ids.has(op.id)) problems.push(`${op.id}: duplicate id`);
      ids.add(op.id);
      if (!/^[a-z][a-z0-9_]*$/.test(op.action)) problems.push(`${op.id}: action must be [a-z0-9_]`);
      const shape = op.params.shape as Record<string, unknown>;
      for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
        if (!op.run && !(name! in shape))
          problems.push(`${op.id}: path placeholder {${name}} is not a param`);
      }
      for (const name of op.query ?? [])
        if (!(name in shape)) problems.push(`${op.id}: query field ${name} is not a param`);
      for (const name of op.richText ?? [])
        if (!(name in shape)) problems.push(`${op.id}: rich-text field ${name} is not a param`);
      for (const reserved of ['account', 'limit', 'cursor', 'confirm', 'publish']) {
        if (reserved in shape)
          problems.push(`${op.id}: declares ${reserved}, which the executor adds itself`);
      }
      if (op.method === 'GET' && op.kind !== 'read') problems.push(`${op.id}: a GET must be kind read`);
      if (op.method !== 'GET' && op.kind === 'read' && !op.run)
        problems.push(`${op.id}: ${op.method} cannot be kind read`);
      if (op.paginated && op.method !== 'GET') problems.push(`${op.id}: only GETs paginate`);
    }
    assert.deepEqual(problems, []);
  });

  test('annotations follow what a tool can do', () => {
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    assert.deepEqual(
      { ...byName.get('bc_list_projects')?.annotations },
      {
        title: 'List Basecamp projects',
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    );
    const create = byName.get('bc_comments')!.annotations;
    assert.equal(create.readOnlyHint, false);
    assert.equal(create.destructiveHint, false);
    assert.equal(create.idempotentHint, false);
    for (const tool of tools) {
      const destructive = tool.operations.some((op) => op.kind === 'destructive');
      assert.equal(tool.annotations.destructiveHint, destructive, tool.name);
      assert.equal(
        tool.annotations.readOnlyHint,
        tool.operations.every((op) => op.kind === 'read'),
        tool.name,
      );
    }
  });

  test('a domain tool offers help with the JSON Schema of one action', async () => {
    const todos = tools.find((tool) => tool.name === 'bc_todos')!;
    const answer = await todos.call({ action: 'help', params: { action: 'create' } });
    assert.equal(answer.isError, undefined);
    const actions = (answer.structured as { actions: { action: string; params: { required: string[] } }[] })
      .actions;
    assert.equal(actions.length, 1);
    assert.deepEqual(actions[0]!.params.required.sort(), ['content', 'todolist_id']);
    const stringified = await todos.call({ action: 'help', params: '{"action": "get"}' });
    assert.equal((stringified.structured as { actions: unknown[] }).actions.length, 1);
    const notJson = await todos.call({ action: 'get', params: 'todo 5' });
    assert.equal(notJson.isError, true);
    assert.match(notJson.text, /params must be an object/);
    const unknown = await todos.call({ action: 'explode' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /Unknown action "explode".*create/);
  });
});

describe('settings shape the surface', () => {
  test('read-only mode lists no write-capable action and refuses writes with a clear message', async () => {
    const tools = buildTools(context({ readOnly: true }));
    for (const tool of tools) {
      assert.equal(tool.annotations.readOnlyHint, true, tool.name);
      for (const op of tool.operations) assert.equal(op.kind, 'read', `${tool.name} lists ${op.id}`);
      const actions = (tool.inputSchema.properties.action as { enum?: string[] } | undefined)?.enum ?? [];
      for (const action of actions) {
        if (action === 'help') continue;
        const op = tool.operations.find((candidate) => candidate.action === action);
        assert.equal(op?.kind, 'read', `${tool.name} offers ${action}`);
      }
    }
    const todoActions = (
      tools.find((tool) => tool.name === 'bc_todos')!.inputSchema.properties.action as { enum: string[] }
    ).enum;
    assert.ok(todoActions.includes('list') && !todoActions.includes('create'));
    const todos = tools.find((tool) => tool.name === 'bc_todos')!;
    const refused = await todos.call({ action: 'create', params: { todolist_id: 1, content: 'x' } });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /read-only mode/);
  });

  test('disabled domains drop their domain tool and direct tools', () => {
    const tools = buildTools(context({ disabledDomains: ['projects'] }));
    const names = tools.map((tool) => tool.name);
    for (const gone of ['bc_projects', 'bc_list_projects', 'bc_get_project'])
      assert.ok(!names.includes(gone), gone);
    assert.ok(names.includes('bc_todos'));
  });

  test('every domain in the registry has a tool by default', () => {
    const names = new Set(buildTools(context()).map((tool) => tool.name));
    for (const domain of domains) assert.ok(names.has(`bc_${domain.name}`), domain.name);
  });
});
