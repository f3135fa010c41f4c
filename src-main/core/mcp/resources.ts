// Puts the catalog's `basecamp://` resources and the workflow prompts on a per-request McpServer.
// Resources use the low-level handlers because resources/list pages with a cursor (McpServer's own
// listing has none); prompts use registerPrompt. Completion serves both.
import type { McpServer } from '@modelcontextprotocol/server';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { ToolContext } from '../catalog/executor.ts';
import { availablePrompts } from '../catalog/prompts.ts';
import {
  completeVariable,
  listResources,
  readResource,
  RESOURCE_TEMPLATES,
  ResourceError,
} from '../catalog/resources.ts';

export interface ResourceReadEvent {
  uri: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

function protocolError(error: unknown): never {
  if (error instanceof ResourceError) {
    // The 2026 spec answers a missing resource with -32602 (the SDK maps -32002 to it as well).
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, error.message, {
      uri: error.uri,
      reason: error.kind,
    });
  }
  throw error;
}

export function addResourcesAndPrompts(
  server: McpServer,
  ctx: ToolContext,
  onRead: (event: ResourceReadEvent) => void = () => {},
): void {
  const low = server.server;
  low.registerCapabilities({ resources: {}, prompts: {}, completions: {} });

  low.setRequestHandler('resources/list', async (request, extra) => {
    try {
      return await listResources(ctx, request.params?.cursor, extra.mcpReq.signal);
    } catch (error) {
      return protocolError(error);
    }
  });
  low.setRequestHandler('resources/templates/list', () => ({
    resourceTemplates: RESOURCE_TEMPLATES.map((template) => ({ ...template })),
  }));
  low.setRequestHandler('resources/read', async (request, extra) => {
    const started = performance.now();
    const uri = request.params.uri;
    try {
      const contents = await readResource(uri, ctx, extra.mcpReq.signal);
      onRead({ uri, ok: true, durationMs: Math.round(performance.now() - started) });
      return { contents: [contents] };
    } catch (error) {
      onRead({
        uri,
        ok: false,
        durationMs: Math.round(performance.now() - started),
        error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
      });
      return protocolError(error);
    }
  });

  const prompts = availablePrompts(ctx);
  for (const prompt of prompts) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      async (args, extra) => ({
        description: prompt.description,
        messages: [
          {
            role: 'user' as const,
            content: {
              type: 'text' as const,
              text: await prompt.build(args as Record<string, string | undefined>, ctx, extra.mcpReq.signal),
            },
          },
        ],
      }),
    );
  }

  if (prompts.length === 0) {
    // The capability is advertised, so the list answers (empty) even when every workflow's tools are off.
    low.setRequestHandler('prompts/list', () => ({ prompts: [] }));
    low.setRequestHandler('prompts/get', (request) => {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Prompt ${request.params.name} is not available: the tool domains it needs are switched off in Basecamp Companion's settings.`,
      );
    });
  }

  low.setRequestHandler('completion/complete', async (request, extra) => {
    const { ref, argument } = request.params;
    const known =
      ref.type === 'ref/resource'
        ? RESOURCE_TEMPLATES.some((template) => template.uriTemplate === ref.uri)
        : ref.type === 'ref/prompt' && prompts.some((prompt) => prompt.name === ref.name);
    if (!known) {
      const what = ref.type === 'ref/resource' ? `resource template ${ref.uri}` : `prompt ${ref.name}`;
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No ${what} to complete.`);
    }
    const values = await completeVariable(argument.name, argument.value, ctx, extra.mcpReq.signal);
    return { completion: { values: values.slice(0, 100), total: values.length, hasMore: false } };
  });
}
