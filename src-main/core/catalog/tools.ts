// Tools derived from the catalog: one domain tool per domain (an `action` enum + a `params` object,
// validated per action inside), plus a few direct tools for the calls agents make most.
// Read-only mode and disabled domains decide what is listed; annotations come from what is served.
import { z } from 'zod';
import { domains as allDomains } from './index.ts';
import type { Domain, Operation, ToolAnswer } from './operation.ts';
import type { ToolContext } from './executor.ts';
import { errorAnswer, executeOperation, paramsSchema, readOnlyRefusal } from './executor.ts';
import { withinBudget } from './shapers.ts';

export const TOOL_PREFIX = 'bc_';
/** Well under Cursor's 40/80 and Windsurf's caps, with room for the user's other servers. */
export const TOOL_BUDGET = 30;

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export type JsonSchemaObject = {
  type: 'object';
  properties: Record<string, unknown>;
  [key: string]: unknown;
};

export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchemaObject;
  /** The shape of structuredContent, where it is the same for every call (lists). */
  outputSchema?: JsonSchemaObject;
  annotations: ToolAnnotations;
  /** The operations this tool serves as listed (after read-only and domain filtering). */
  operations: readonly Operation[];
  call(args: unknown, options?: { signal?: AbortSignal }): Promise<ToolCallAnswer>;
}

export interface ToolCallAnswer extends ToolAnswer {
  /** The action a domain tool ran, for logs and the window. */
  action?: string;
}

export function isIdempotent(op: Operation): boolean {
  return (
    op.idempotent ??
    (op.kind === 'read' || op.method === 'GET' || op.method === 'PUT' || op.method === 'DELETE')
  );
}

/** The hints an MCP client sees, derived from every operation a tool serves. */
export function annotationsFor(title: string, ops: readonly Operation[]): ToolAnnotations {
  const readOnly = ops.every((op) => op.kind === 'read');
  return {
    title,
    readOnlyHint: readOnly,
    destructiveHint: ops.some((op) => op.kind === 'destructive'),
    idempotentHint: ops.every(isIdempotent),
    // Basecamp is one known system, not the open web.
    openWorldHint: false,
  };
}

/** What every list answer's structuredContent looks like, so clients can rely on the paging facts. */
export const LIST_OUTPUT_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, title: { type: 'string' }, app_url: { type: 'string' } },
        required: ['id'],
      },
    },
    total: { type: 'integer' },
    has_more: { type: 'boolean' },
    next_cursor: { type: 'string', description: 'Pass as cursor for the next page' },
    truncated: { type: 'boolean', description: 'The text was cut to fit' },
  },
  required: ['items', 'has_more', 'truncated'],
};

const schemaCache = new WeakMap<Operation, JsonSchemaObject>();

/** The JSON Schema of an action's params: a plain object, no $schema/$ref/$defs, every field described. */
export function actionJsonSchema(op: Operation): JsonSchemaObject {
  let schema = schemaCache.get(op);
  if (!schema) {
    const json = z.toJSONSchema(paramsSchema(op), {
      io: 'input',
      unrepresentable: 'any',
      reused: 'inline',
    }) as Record<string, unknown>;
    delete json.$schema;
    schema = {
      ...json,
      type: 'object',
      properties: (json.properties as Record<string, unknown> | undefined) ?? {},
    };
    schemaCache.set(op, schema);
  }
  return schema;
}

const SHARED_IN_FOOTER = new Set(['account', 'limit', 'cursor']);

function signature(op: Operation): string {
  const schema = actionJsonSchema(op);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const names = Object.keys(schema.properties)
    // Shared params are explained once per tool, not on every action.
    .filter((name) => !SHARED_IN_FOOTER.has(name) && !(op.dock && name === 'project_id'))
    .map((name) => {
      // A destructive action shows `confirm: true`: it is refused without it.
      if (name === 'confirm') return 'confirm: true';
      // A dock tool's id can be looked up from the project: say so (`chat_id|project_id`).
      if (op.dock && name === op.dock.param) return `${name}|project_id`;
      return required.has(name) ? name : `${name}?`;
    });
  return `${op.action}(${names.join(', ')})`;
}

function visibleOperations(domain: Domain, ctx: ToolContext): Operation[] {
  return domain.operations.filter((op) => !ctx.readOnly || op.kind === 'read');
}

function domainTool(domain: Domain, ops: Operation[], ctx: ToolContext): ToolDefinition {
  const name = `${TOOL_PREFIX}${domain.name}`;
  const actions = ops.map((op) => op.action);
  // One short line per action: its name, parameters (? = optional) and title. The full parameter docs are
  // one `help` call away, so tools/list stays small (every client puts it in every conversation).
  const lines = [
    domain.summary,
    'Call {"action": "<name>", "params": {...}}; {"action": "help", "params": {"action": "<name>"}} gives its parameters.',
    ...ops.map((op) => `${signature(op)} ${op.title}`),
  ];
  const notes: string[] = [];
  if (ops.some((op) => op.kind === 'destructive'))
    notes.push('Send confirm: true only after the user agreed.');
  if (ops.some((op) => op.paginated)) notes.push('Lists take limit and cursor.');
  if (ctx.readOnly) notes.push('Read-only mode: reading actions only.');
  if (notes.length) lines.push(notes.join(' '));
  const inputSchema: JsonSchemaObject = {
    type: 'object',
    properties: {
      action: {
        type: 'string',
        enum: [...actions, 'help'],
        description: 'The action (see the description)',
      },
      params: {
        type: 'object',
        description: 'The action\'s parameters, e.g. {"todolist_id": 123}',
        additionalProperties: true,
      },
    },
    required: ['action'],
  };
  return {
    name,
    title: domain.title,
    description: lines.join('\n'),
    inputSchema,
    annotations: annotationsFor(domain.title, ops),
    operations: ops,
    async call(args, options = {}) {
      const input = (args && typeof args === 'object' ? args : {}) as Record<string, unknown>;
      const action = typeof input.action === 'string' ? input.action : undefined;
      // Agents sometimes flatten the params next to the action, or send them as a JSON string; accept both.
      const { action: _a, params: given, ...flat } = input;
      const nested = typeof given === 'string' ? parseObject(given) : given;
      if (typeof given === 'string' && nested === undefined) {
        return {
          ...errorAnswer(`params must be an object like {"todo_id": 123}, not a string.`, 'invalid_params'),
          ...(action ? { action } : {}),
        };
      }
      const params = nested && typeof nested === 'object' ? nested : Object.keys(flat).length ? flat : {};
      if (!action)
        return errorAnswer(
          `${name} needs an action: one of ${actions.join(', ')}, or help.`,
          'invalid_params',
        );
      if (action === 'help') return { ...help(domain, ops, params as Record<string, unknown>), action };
      const op = ops.find((candidate) => candidate.action === action);
      if (!op) {
        const hidden = domain.operations.find((candidate) => candidate.action === action);
        if (hidden && ctx.readOnly) {
          return {
            ...errorAnswer(readOnlyRefusal(ctx, `"${hidden.title}" is not available`), 'read_only'),
            action,
          };
        }
        return {
          ...errorAnswer(
            `Unknown action "${action}" for ${name}. Actions: ${actions.join(', ')}, help.`,
            'invalid_params',
          ),
          action,
        };
      }
      return {
        ...(await executeOperation(op, params, ctx, { calledAs: `${name} ${action}`, ...options })),
        action,
      };
    },
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function help(domain: Domain, ops: Operation[], params: Record<string, unknown>): ToolAnswer {
  const wanted = typeof params.action === 'string' ? params.action : undefined;
  const chosen = wanted ? ops.filter((op) => op.action === wanted) : ops;
  if (wanted && chosen.length === 0) {
    return errorAnswer(
      `No action "${wanted}" in ${TOOL_PREFIX}${domain.name}. Actions: ${ops.map((op) => op.action).join(', ')}.`,
      'invalid_params',
    );
  }
  const entries = chosen.map((op) => ({
    action: op.action,
    title: op.title,
    summary: op.summary,
    kind: op.kind,
    params: actionJsonSchema(op),
  }));
  const text = entries
    .map(
      (entry) =>
        `### ${entry.action}: ${entry.title}\n${entry.summary}\n\`\`\`json\n${JSON.stringify(entry.params)}\n\`\`\``,
    )
    .join('\n\n');
  return { text: withinBudget(text).text, structured: { actions: entries } };
}

/**
 * The published form of a schema: `minimum: 1` for an id instead of `exclusiveMinimum: 0` plus the largest safe
 * integer (~12 tokens per id field); the executor still checks every bound.
 */
export function leanSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(leanSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    // Generous caps (500-item arrays, 2000-character cursors) guard the executor, not the agent's choices.
    if ((key === 'maxItems' || key === 'maxLength') && typeof value === 'number' && value >= 500) continue;
    if (key === 'exclusiveMinimum' && value === 0) out.minimum = 1;
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, field]) => {
          const lean = leanSchema(field) as Record<string, unknown>;
          return [name, SHORT_DESCRIPTIONS[name] ? { ...lean, description: SHORT_DESCRIPTIONS[name] } : lean];
        }),
      );
    } else out[key] = leanSchema(value);
  }
  return out;
}

/** The shared parameters every tool has, described in as few words as do the job. */
const SHORT_DESCRIPTIONS: Record<string, string> = {
  account: 'Basecamp account id (default: the default account)',
  limit: 'Items to return (default 25, max 200)',
  cursor: 'next_cursor from the previous call',
};

function directTool(
  op: Operation & { direct: { name: string; title: string } },
  ctx: ToolContext,
): ToolDefinition {
  const notes = [op.summary];
  if (op.paginated) notes.push('Pass next_cursor as cursor for more.');
  if (op.kind === 'destructive') notes.push('Needs confirm: true after the user agreed.');
  return {
    name: op.direct.name,
    title: op.direct.title,
    description: notes.join(' '),
    inputSchema: leanSchema(actionJsonSchema(op)) as JsonSchemaObject,
    ...(op.paginated && !op.run ? { outputSchema: LIST_OUTPUT_SCHEMA } : {}),
    annotations: annotationsFor(op.direct.title, [op]),
    operations: [op],
    call: (args, options = {}) =>
      executeOperation(op, args ?? {}, ctx, { calledAs: op.direct.name, ...options }),
  };
}

/** Every tool to list for this context: direct tools first (most used), then one per domain. */
export function buildTools(ctx: ToolContext, catalog: readonly Domain[] = allDomains): ToolDefinition[] {
  const disabled = new Set(ctx.disabledDomains);
  const direct: ToolDefinition[] = [];
  const grouped: ToolDefinition[] = [];
  for (const domain of catalog) {
    if (disabled.has(domain.name)) continue;
    const ops = visibleOperations(domain, ctx);
    if (ops.length === 0) continue;
    for (const op of ops)
      if (op.direct)
        direct.push(directTool(op as Operation & { direct: { name: string; title: string } }, ctx));
    grouped.push(domainTool(domain, ops, ctx));
  }
  const tools = [...direct, ...grouped];
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name))
      throw new Error(`Two tools are named ${tool.name}: rename a direct tool or a domain.`);
    seen.add(tool.name);
  }
  return tools;
}
