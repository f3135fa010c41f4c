// The declarative route table: method + path pattern → handler. `{name}` matches a numeric id,
// `{name*}` any single segment. `.json` is optional on the wire (Basecamp also accepts
// `Accept: application/json`). A route with `bucketAlias` is also served under `/buckets/{bucket}`.
import type { Method, Route } from './family.ts';

export interface CompiledRoute {
  route: Route;
  /** `GET /todos/{id}.json` or `GET /buckets/{bucket}/todos/{id}.json` — used by counters. */
  pattern: string;
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  compiled: CompiledRoute;
  params: Record<string, string>;
}

function compile(route: Route, path: string): CompiledRoute {
  const names: string[] = [];
  const bare = path.replace(/\.json$/, '');
  const source = bare
    .split('/')
    .map((segment) =>
      segment.replace(/\{(\w+)(\*?)\}|([^{}]+)/g, (_all, name: string, any: string, literal: string) => {
        if (literal !== undefined) return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return any ? '([^/]+?)' : '(\\d+)';
      }),
    )
    .join('/');
  return { route, pattern: `${route.method} ${path}`, regex: new RegExp(`^${source}(?:\\.json)?$`), names };
}

export class Router {
  private readonly compiled: CompiledRoute[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      this.compiled.push(compile(route, route.path));
      if (route.bucketAlias) this.compiled.push(compile(route, `/buckets/{bucket}${route.path}`));
    }
    const seen = new Set<string>();
    for (const { pattern } of this.compiled) {
      if (seen.has(pattern)) throw new Error(`sandbox: route ${pattern} is declared twice`);
      seen.add(pattern);
    }
  }

  /** The route for a request path under the account (`/todos/5.json`), or why there is none. */
  match(method: string, path: string): RouteMatch | { pathExists: boolean } {
    let pathExists = false;
    for (const compiled of this.compiled) {
      const found = compiled.regex.exec(path);
      if (!found) continue;
      pathExists = true;
      if (compiled.route.method !== (method as Method)) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1] ?? '')));
      return { compiled, params };
    }
    return { pathExists };
  }

  /** Every served `METHOD /path` pattern, aliases included (for coverage reports). */
  patterns(): string[] {
    return this.compiled.map((c) => c.pattern);
  }
}
