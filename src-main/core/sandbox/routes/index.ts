// Every endpoint family the sandbox serves. Adding a family = one module + one line here.
import type { Family, Route, TypeSpec } from '../family.ts';
import { cards } from './cards.ts';
import { chats } from './chats.ts';
import { comments } from './comments.ts';
import { messages } from './messages.ts';
import { my } from './my.ts';
import { people } from './people.ts';
import { projects } from './projects.ts';
import { recordings } from './recordings.ts';
import { schedules } from './schedules.ts';
import { searchFamily } from './search.ts';
import { todos } from './todos.ts';
import { tools } from './tools.ts';
import { vaults } from './vaults.ts';
import { admin } from './admin.ts';
import { cardParts } from './card-parts.ts';
import { checkins } from './checkins.ts';
import { engagement } from './engagement.ts';
import { files } from './files.ts';
import { forwards } from './forwards.ts';
import { moreFoundation } from './more-foundation.ts';
import { myMore } from './my-more.ts';
import { reports } from './reports.ts';

export const families: readonly Family[] = [
  people,
  projects,
  todos,
  messages,
  comments,
  chats,
  cards,
  vaults,
  schedules,
  tools,
  recordings,
  my,
  searchFamily,
  // Added with the full catalog:
  cardParts,
  files,
  checkins,
  forwards,
  engagement,
  reports,
  admin,
  myMore,
  moreFoundation,
];

export const allRoutes: Route[] = families.flatMap((f) => f.routes);

export const allTypes: Record<string, TypeSpec> = Object.assign({}, ...families.map((f) => f.types ?? {}));
