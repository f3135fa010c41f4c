// Derives the committed API reference the catalog is checked against:
//   src-main/core/catalog/openapi-operations.json  every OpenAPI operation + every documented endpoint
//   src-main/core/catalog/openapi-schemas.json     the response schemas (trimmed) for the sandbox contract test
// from the reference copy in /work/shared/basecamp-api (not shipped). Run: node scripts/derive-operations.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';

const sharedDir = process.env.BASECAMP_API_REFERENCE ?? '/work/shared/basecamp-api';
const outDir = join(import.meta.dirname, '..', 'src-main', 'core', 'catalog');

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  nullable?: boolean;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  format?: string;
}
interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}
interface OpenApiOperation {
  operationId: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }>; required?: boolean };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  'x-basecamp-pagination'?: { maxPageSize?: number; key?: string };
  'x-basecamp-idempotent'?: unknown;
  'x-basecamp-write-semantics'?: { mode?: string };
}
interface OpenApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}
interface DocumentedEndpoint {
  section: string;
  title: string;
  heading: string;
  method: string;
  path: string;
  legacy: boolean;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];
const accountPrefix = '/{accountId}';

async function main(): Promise<void> {
  const openapiFile = join(sharedDir, 'openapi.json');
  if (!existsSync(openapiFile)) {
    console.log(`derive-operations: ${openapiFile} is absent; keeping the committed JSON as it is.`);
    return;
  }
  const doc = JSON.parse(readFileSync(openapiFile, 'utf8')) as OpenApiDocument;
  const schemas = doc.components.schemas;
  const refName = (ref: string): string => ref.replace('#/components/schemas/', '');
  const resolve = (schema: JsonSchema): JsonSchema =>
    schema.$ref ? resolve(schemas[refName(schema.$ref)] ?? {}) : schema;

  const raw: { path: string; method: string; op: OpenApiOperation }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const op = item[method];
      if (op?.operationId)
        raw.push({
          path: path.startsWith(accountPrefix) ? path.slice(accountPrefix.length) : path,
          method,
          op,
        });
    }
  }
  // A few operations carry no tag: borrow the tag of a sibling under the same first path segment.
  const tagBySegment = new Map<string, string>();
  for (const { path, op } of raw) if (op.tags?.[0]) tagBySegment.set(firstSegment(path), op.tags[0]);

  const responseSchemaNames = new Set<string>();
  const operations = raw.map(({ path, method, op }) => {
    const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
    const responseSchema = success?.[1].content?.['application/json']?.schema;
    const responseName = responseSchema?.$ref ? refName(responseSchema.$ref) : undefined;
    if (responseName) responseSchemaNames.add(responseName);
    const [contentType, body] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    const bodySchema = body ? resolve(body.schema) : undefined;
    return {
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      section: op.tags?.[0] ?? tagBySegment.get(firstSegment(path)) ?? 'Reports',
      summary: (op.description ?? op.operationId).split('\n')[0]!.trim(),
      parameters: (op.parameters ?? [])
        .filter((p) => p.name !== 'accountId')
        .map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required === true,
          type: typeName(p.schema ? resolve(p.schema) : {}),
          ...(p.schema?.enum ? { enum: p.schema.enum } : {}),
          ...(p.description ? { description: p.description.split('\n')[0] } : {}),
        })),
      paginated: op['x-basecamp-pagination'] !== undefined,
      ...(contentType
        ? {
            body: {
              contentType,
              fields: Object.entries(bodySchema?.properties ?? {}).map(([name, field]) => ({
                name,
                type: typeName(resolve(field)),
                required: bodySchema?.required?.includes(name) === true,
              })),
            },
          }
        : {}),
      success: { status: Number(success?.[0] ?? 200), ...(responseName ? { schema: responseName } : {}) },
      ...(op['x-basecamp-idempotent'] ? { idempotent: true } : {}),
      ...(op['x-basecamp-write-semantics']?.mode === 'replace' ? { replaces: true } : {}),
    };
  });

  const endpointsFile = join(sharedDir, 'endpoints.json');
  const documented = existsSync(endpointsFile)
    ? (JSON.parse(readFileSync(endpointsFile, 'utf8')) as DocumentedEndpoint[])
        .filter((e) => !e.legacy)
        .map((e) => ({ section: e.title, heading: e.heading, method: e.method, path: e.path }))
    : [];

  await writeJson(join(outDir, 'openapi-operations.json'), {
    about:
      'Derived by scripts/derive-operations.ts from the official Basecamp openapi.json and the bc3-api endpoint list. Do not edit.',
    openapiVersion: doc.info.version,
    operations,
    documented,
  });
  await writeJson(join(outDir, 'openapi-schemas.json'), {
    about:
      'Response schemas from the official Basecamp openapi.json, trimmed to what the sandbox contract test checks. Derived by scripts/derive-operations.ts.',
    schemas: collectSchemas(schemas, responseSchemaNames),
  });
  console.log(
    `derive-operations: ${operations.length} operations, ${documented.length} documented endpoints.`,
  );
}

function firstSegment(path: string): string {
  return path.split('/')[1] ?? '';
}

function typeName(schema: JsonSchema): string {
  if (Array.isArray(schema.type)) return schema.type.join('|');
  if (schema.type === 'array') return `${typeName(schema.items ?? {})}[]`;
  return schema.type ?? (schema.anyOf ? 'any' : 'object');
}

/** Keeps the referenced schemas (transitively) and, in each, only the keys the contract check reads. */
function collectSchemas(all: Record<string, JsonSchema>, roots: Set<string>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const queue = [...roots];
  const trim = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (!(name in out)) queue.push(name);
      return { $ref: name, ...(schema.nullable ? { nullable: true } : {}) };
    }
    const t: JsonSchema = {};
    if (schema.type) t.type = schema.type;
    if (schema.nullable) t.nullable = true;
    if (schema.enum) t.enum = schema.enum;
    if (schema.required?.length) t.required = [...schema.required].sort();
    if (schema.items) t.items = trim(schema.items);
    if (schema.anyOf) t.anyOf = schema.anyOf.map(trim);
    if (schema.properties)
      t.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, trim(v)]));
    return t;
  };
  while (queue.length) {
    const name = queue.shift()!;
    if (name in out || !all[name]) continue;
    out[name] = {};
    out[name] = trim(all[name]);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Written as prettier formats it, so `npm run lint` accepts the derived files as they are. */
async function writeJson(file: string, value: unknown): Promise<void> {
  writeFileSync(
    file,
    await format(JSON.stringify(value), { ...(await resolveConfig(file)), parser: 'json', filepath: file }),
  );
}

await main();
