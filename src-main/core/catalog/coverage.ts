// How much of the Basecamp API the catalog reaches, checked against the committed reference
// (openapi-operations.json, derived from the official openapi.json and the bc3-api docs).
// Used by `npm run coverage:api` (docs/API-COVERAGE.md) and by coverage.test.ts.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Operation } from './operation.ts';

export interface ReferenceOperation {
  operationId: string;
  method: string;
  path: string;
  section: string;
  summary: string;
  paginated: boolean;
}

export interface DocumentedEndpoint {
  section: string;
  heading: string;
  method: string;
  path: string;
}

export interface Reference {
  openapiVersion: string;
  operations: ReferenceOperation[];
  documented: DocumentedEndpoint[];
}

export function loadReference(): Reference {
  return JSON.parse(readFileSync(new URL('./openapi-operations.json', import.meta.url), 'utf8')) as Reference;
}

/**
 * Operations deliberately not served as agent tools, each with the reason. Anything not covered and
 * not listed here fails coverage.test.ts, and so does a reason for an operation that is covered.
 */
export const NOT_SERVED: Record<string, string> = {};

/** Documented endpoints outside the OpenAPI document that are not agent tools, with the reason. */
export const DOCUMENTED_NOT_SERVED: Record<string, string> = {
  'GET https://launchpad.37signals.com/authorization.json':
    'Launchpad identity and accounts: used by sign-in (auth/), and shown to agents through whoami.',
  'POST /integrations/{}/buckets/{}/chats/{}/lines':
    "A chatbot posts with its own key in the URL instead of the user's OAuth token; agents act as the user (campfires.post).",
};

/** `GET /todos/{}` — method and path with the account prefix, `.json` and placeholder names dropped. */
export function routeKey(method: string, path: string): string {
  const bare = path
    .replace(/^\/\{accountId\}/, '')
    .replace(/\.json$/, '')
    .replace(/\{[^}]+\}/g, '{}');
  return `${method.toUpperCase()} ${bare}`;
}

/** The docs write sample ids (`/todos/2.json`, `:template_id`, `$CHATBOT_KEY`); make them placeholders. */
function documentedKey(method: string, path: string): string {
  const bare = path
    .replace(/\.json$/, '')
    .split('/')
    .map((segment) => (/^(\d+|:\w+|\$\w+)$/.test(segment) ? '{}' : segment))
    .join('/');
  return `${method.toUpperCase()} ${bare}`;
}

/** Both route forms name the same operation: the docs and the OpenAPI disagree on a few (NOTES §10). */
function withoutBucket(key: string): string {
  return key.replace(' /buckets/{}/', ' /');
}

/** An entry's concrete routes: a placeholder backed by an enum param stands for each of its values. */
export function entryRoutes(op: Operation): string[] {
  let paths = [op.path];
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
    const schema = (op.params.shape as Record<string, z.ZodType>)[name as string];
    if (schema instanceof z.ZodEnum) {
      const values = schema.options as string[];
      paths = paths.flatMap((path) => values.map((value) => path.replace(`{${name}}`, value)));
    }
  }
  return paths.map((path) => routeKey(op.method, path));
}

export interface EntryProblem {
  id: string;
  problem: string;
}

export interface Coverage {
  reference: Reference;
  /** operationId → the entries that reach it. */
  covered: Map<string, string[]>;
  missing: (ReferenceOperation & { reason?: string })[];
  /** Entries whose method + path is not an OpenAPI operation, or whose `openapi` ids disagree with it. */
  problems: EntryProblem[];
  /** Entries that are more than one call (run), checked by their own tests, not by route. */
  composite: string[];
  documentedCovered: number;
  documentedMissing: (DocumentedEndpoint & { reason?: string })[];
  /** Reasons listed for operations that are in fact covered (stale). */
  staleReasons: string[];
}

export function computeCoverage(operations: readonly Operation[], reference = loadReference()): Coverage {
  const byRoute = new Map<string, ReferenceOperation>();
  for (const op of reference.operations) byRoute.set(routeKey(op.method, op.path), op);
  const covered = new Map<string, string[]>();
  const problems: EntryProblem[] = [];
  const composite: string[] = [];
  const entryKeys = new Set<string>();

  for (const entry of operations) {
    const routes = entryRoutes(entry);
    const matched = routes.map((route) => byRoute.get(route));
    if (entry.run && matched.every((m) => m === undefined) && !entry.openapi?.length) {
      composite.push(entry.id);
      continue;
    }
    routes.forEach((route, index) => {
      const ref = matched[index];
      entryKeys.add(route);
      if (!ref) {
        problems.push({ id: entry.id, problem: `${route} is not an operation of the OpenAPI document` });
        return;
      }
      covered.set(ref.operationId, [...(covered.get(ref.operationId) ?? []), entry.id]);
    });
    const matchedIds = new Set(matched.flatMap((m) => (m ? [m.operationId] : [])));
    for (const declared of entry.openapi ?? []) {
      if (!matchedIds.has(declared))
        problems.push({
          id: entry.id,
          problem: `declares openapi ${declared}, but its method + path is ${routes.join(', ')}`,
        });
    }
    for (const found of matchedIds) {
      if (!entry.openapi?.includes(found))
        problems.push({ id: entry.id, problem: `reaches ${found} but does not list it in openapi` });
    }
  }

  const missing = reference.operations
    .filter((op) => !covered.has(op.operationId))
    .map((op) => ({ ...op, ...(NOT_SERVED[op.operationId] ? { reason: NOT_SERVED[op.operationId] } : {}) }));
  const staleReasons = Object.keys(NOT_SERVED).filter((id) => covered.has(id));

  const loose = new Set([...entryKeys].map(withoutBucket));
  // A documented endpoint the OpenAPI also has counts as covered exactly when that operation is.
  const openapiLoose = new Map<string, ReferenceOperation>();
  for (const op of reference.operations) openapiLoose.set(withoutBucket(routeKey(op.method, op.path)), op);
  let documentedCovered = 0;
  const documentedMissing: Coverage['documentedMissing'] = [];
  for (const doc of reference.documented) {
    const key = withoutBucket(documentedKey(doc.method, doc.path));
    if (loose.has(key)) {
      documentedCovered++;
      continue;
    }
    const viaOpenapi = openapiLoose.get(key);
    const reason =
      DOCUMENTED_NOT_SERVED[`${doc.method} ${doc.path}`] ??
      DOCUMENTED_NOT_SERVED[documentedKey(doc.method, doc.path)] ??
      (viaOpenapi ? NOT_SERVED[viaOpenapi.operationId] : undefined);
    documentedMissing.push({ ...doc, ...(reason ? { reason } : {}) });
  }

  return {
    reference,
    covered,
    missing,
    problems,
    composite,
    documentedCovered,
    documentedMissing,
    staleReasons,
  };
}
