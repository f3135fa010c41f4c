// One entry per Basecamp operation. Tools, annotations, docs/TOOLS.md, the coverage
// report and the tests are all derived from these entries: adding an endpoint is one entry.
import type { z } from 'zod';
import type { HttpMethod } from '../basecamp/types.ts';

/** What an operation does to the user's Basecamp, from which every annotation is derived. */
export type OperationKind = 'read' | 'write' | 'destructive';

export interface Operation<Params extends z.ZodObject = z.ZodObject> {
  /** `domain.action`, e.g. `todos.list`. Unique. */
  id: string;
  /** The domain tool that serves it, e.g. `todos`. */
  domain: string;
  /** The action name inside the domain tool, e.g. `list`. */
  action: string;
  /** One sentence for the agent: what it does and when to use it. */
  summary: string;
  method: HttpMethod;
  /** Path template under the account base, with `{name}` placeholders filled from params. */
  path: string;
  /** The action's parameters (path placeholders, query and body fields), each described. */
  params: Params;
  kind: OperationKind;
  /** The operationId in the official openapi.json this entry covers (several ids may share an entry). */
  openapi?: string[];
  /** The response is a paginated list. */
  paginated?: boolean;
  /** Which params go in the query string (the rest that are not path placeholders form the JSON body). */
  query?: string[];
}
