// Puts catalog tools on a fresh McpServer (one per request: stateless, nothing shared between clients).
import { McpServer } from '@modelcontextprotocol/server';
import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { JsonSchemaObject, ToolCallAnswer, ToolDefinition } from '../catalog/tools.ts';

export interface ToolCallEvent {
  tool: string;
  action?: string;
  ok: boolean;
  durationMs: number;
  /** The error sentence shown to the agent, when the call failed. */
  error?: string;
}

/**
 * The catalog validates params itself (clear messages, nothing sent on bad input), so the SDK gets a schema
 * that advertises the JSON Schema and lets any object through to the tool.
 */
function advertisedSchema(jsonSchema: JsonSchemaObject): StandardSchemaWithJSON<Record<string, unknown>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'basecamp-companion',
      validate: (value: unknown) =>
        value === undefined || value === null
          ? { value: {} }
          : typeof value === 'object' && !Array.isArray(value)
            ? { value: value as Record<string, unknown> }
            : { issues: [{ message: 'Tool arguments must be a JSON object.' }] },
      jsonSchema: { input: () => jsonSchema, output: () => jsonSchema },
    },
  } as StandardSchemaWithJSON<Record<string, unknown>>;
}

/** Read by the agent before any tool; instructions.test.ts checks every name in it exists. */
export const INSTRUCTIONS = [
  'Basecamp tools. bc_whoami: who you are and which accounts exist. bc_search finds anything by text; bc_resolve_url reads a pasted Basecamp link.',
  'bc_list_projects, then bc_get_project for a project and the ids of its tools (to-do set, message board, Campfire). bc_my_assignments: what is on you.',
  'Everything else is one tool per area (bc_todos, bc_comments, bc_messages, …) taking {action, params}; action "help" explains an action.',
  'Lists return limit items and a next_cursor when more exist: say what your answer covers.',
  'Messages and documents are saved as drafts unless publish is true; destructive actions need confirm: true after the user agreed.',
  'Resources: basecamp://projects, basecamp://my/assignments, basecamp://projects/{project_id} and basecamp://projects/{project_id}/{type}/{recording_id}.',
  'Prompts: catch_up, weekly_recap, plan_project, draft_checkin_answer.',
].join(' ');

export function createServerWithTools(
  tools: readonly ToolDefinition[],
  info: { name: string; version: string },
  onCall: (event: ToolCallEvent) => void,
): McpServer {
  const server = new McpServer(info, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: advertisedSchema(tool.inputSchema),
        outputSchema: tool.outputSchema ? advertisedSchema(tool.outputSchema) : undefined,
        annotations: tool.annotations,
      },
      async (args, ctx) => {
        const started = performance.now();
        let answer: ToolCallAnswer;
        try {
          answer = await tool.call(args, { signal: ctx.mcpReq.signal });
        } catch (error) {
          // The catalog turns every expected failure into an answer; this is a bug, still reported as a tool error.
          answer = {
            isError: true,
            text: `Basecamp Companion failed while running ${tool.name}: ${error instanceof Error ? error.message : String(error)}`,
          };
        }
        onCall({
          tool: tool.name,
          ...(answer.action ? { action: answer.action } : {}),
          ok: !answer.isError,
          durationMs: Math.round(performance.now() - started),
          ...(answer.isError ? { error: answer.text.slice(0, 300) } : {}),
        });
        return {
          content: [
            { type: 'text' as const, text: answer.text },
            ...(answer.images ?? []).map((image) => ({
              type: 'image' as const,
              data: image.data,
              mimeType: image.mimeType,
            })),
          ],
          // An error's {error} body would fail a declared output schema, and clients then drop our sentence.
          ...(answer.structured && !(answer.isError && tool.outputSchema)
            ? { structuredContent: answer.structured }
            : {}),
          ...(answer.isError ? { isError: true } : {}),
        };
      },
    );
  }
  return server;
}
