// People: everyone in the account, one person, the current user, a project's people.
import { notFound, ok, type Family, type RouteContext } from '../family.ts';
import { paginate } from '../pagination.ts';
import type { Person } from '../store.ts';

const everyone = (ctx: RouteContext): Person[] =>
  [...ctx.store.people.values()]
    .filter((p) => p.personable_type !== 'DummyUser')
    .sort((a, b) => a.name.localeCompare(b.name));

export const people: Family = {
  name: 'people',
  routes: [
    {
      method: 'GET',
      path: '/people.json',
      handler: (ctx) =>
        paginate(
          ctx,
          everyone(ctx).map((p) => ctx.view.person(p)),
        ),
    },
    {
      method: 'GET',
      path: '/people/{id}.json',
      handler: (ctx) => {
        const person = ctx.store.people.get(ctx.id());
        if (!person) throw notFound();
        return ok(ctx.view.person(person));
      },
    },
    { method: 'GET', path: '/my/profile.json', handler: (ctx) => ok(ctx.view.person(ctx.me)) },
    {
      method: 'GET',
      path: '/projects/{id}/people.json',
      handler: (ctx) => paginate(ctx, ctx.view.people(ctx.project(ctx.id()).people)),
    },
    // Everyone the current user can ping; not paginated.
    {
      method: 'GET',
      path: '/circles/people.json',
      handler: (ctx) => ok(everyone(ctx).map((p) => ctx.view.person(p))),
    },
  ],
};
