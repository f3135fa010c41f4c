// More actions of the `todos` tool: the hill chart of a to-do set. Added in catalog/index.ts.
import { z } from 'zod';
import type { Operation, RecordView } from '../operation.ts';
import { defineOperation } from '../operation.ts';
import { id, ids } from '../params.ts';
import { obj, str } from '../facts.ts';

const hillView: RecordView = {
  noun: 'hill chart',
  title: () => 'Hill chart',
  facts: (r) => [
    r.enabled === false && 'off',
    r.stale === true && 'not updated lately',
    ...(Array.isArray(r.dots)
      ? r.dots.map((dot) => {
          const d = obj(dot) ?? {};
          const position = typeof d.position === 'number' ? d.position : 0;
          return `${str(d.label) ?? '?'} #${String(d.id)}: ${position < 50 ? 'figuring it out' : 'making it happen'} (${position}/100)`;
        })
      : []),
  ],
  keep: ['enabled', 'stale', 'updated_at', 'dots'],
};

export const hillChartOperations: Operation[] = [
  defineOperation({
    id: 'todos.hill_chart',
    domain: 'todos',
    action: 'hill_chart',
    title: 'Get the hill chart',
    summary:
      'Where each tracked to-do list sits on the hill (0-49 figuring it out, 50-100 making it happen).',
    method: 'GET',
    path: '/todosets/{todoset_id}/hill.json',
    params: z.object({ todoset_id: id("The to-do set id from the project's dock") }),
    kind: 'read',
    openapi: ['GetHillChart'],
    view: hillView,
  }),
  defineOperation({
    id: 'todos.track_on_hill',
    domain: 'todos',
    action: 'track_on_hill',
    title: 'Choose lists on the hill chart',
    summary: 'Start or stop showing to-do lists on the hill chart.',
    method: 'PUT',
    path: '/todosets/{todoset_id}/hills/settings.json',
    params: z.object({
      todoset_id: id('The to-do set id'),
      tracked: ids('To-do lists to show on the hill').optional(),
      untracked: ids('To-do lists to take off the hill').optional(),
    }),
    kind: 'write',
    idempotent: true,
    openapi: ['UpdateHillChartSettings'],
    view: hillView,
  }),
];
