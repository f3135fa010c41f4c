// Basecamp's geared pagination: 15 items on page 1, 30 on page 2, 50 on page 3, 100 from page 4 on,
// with `Link: <…>; rel="next"` and `X-Total-Count`. A few endpoints use a fixed page size instead.
import { badRequest, type Reply, type RouteContext } from './family.ts';

const GEARS = [15, 30, 50];
const TOP_GEAR = 100;

/** [offset, size] of a geared page (1-based). */
export function gearedPage(page: number): [number, number] {
  let offset = 0;
  for (let p = 1; p < page; p++) offset += GEARS[p - 1] ?? TOP_GEAR;
  return [offset, GEARS[page - 1] ?? TOP_GEAR];
}

export interface PageOptions {
  /** A fixed page size (e.g. search's `per_page`); geared when absent. */
  perPage?: number;
}

function pageNumber(query: URLSearchParams): number {
  const raw = query.get('page');
  if (raw === null || raw === '') return 1;
  const page = Number(raw);
  if (!Number.isInteger(page) || page < 1)
    throw badRequest(`page must be a positive whole number, got '${raw}'`);
  return page;
}

/** The reply for one page of a collection, with the next-page link built from the request's own URL. */
export function paginate(ctx: RouteContext, items: unknown[], options: PageOptions = {}): Reply {
  const page = pageNumber(ctx.query);
  const [offset, size] = options.perPage ? [(page - 1) * options.perPage, options.perPage] : gearedPage(page);
  const slice = items.slice(offset, offset + size);
  const headers: Record<string, string> = { 'X-Total-Count': String(items.length) };
  if (offset + size < items.length) {
    const next = new URL(ctx.view.apiBase + ctx.url.pathname.slice(`/${ctx.store.account.id}`.length));
    for (const [key, value] of ctx.query) if (key !== 'page') next.searchParams.append(key, value);
    next.searchParams.set('page', String(page + 1));
    headers.Link = `<${next.href}>; rel="next"`;
  }
  return { status: 200, body: slice, headers };
}
