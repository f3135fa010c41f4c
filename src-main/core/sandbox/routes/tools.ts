// Dock tools that only need their own GET so far: Automatic Check-ins and Email Forwards.
import { ok, type Family } from '../family.ts';

export const tools: Family = {
  name: 'tools',
  types: {
    Questionnaire: {
      segment: 'questionnaires',
      fields: (q, view) => ({
        name: q.title,
        questions_count: view.store.children(q.id, 'Question').length,
        questions_url: view.api(`/questionnaires/${q.id}/questions.json`),
      }),
    },
    Inbox: {
      segment: 'inboxes',
      fields: (inbox, view) => ({
        forwards_count: view.store.children(inbox.id, 'Inbox::Forward').length,
        forwards_url: view.api(`${view.path(inbox)}/forwards.json`),
      }),
    },
  },
  routes: [
    {
      method: 'GET',
      path: '/questionnaires/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Questionnaire'))),
    },
    {
      method: 'GET',
      path: '/inboxes/{id}.json',
      bucketAlias: true,
      handler: (ctx) => ok(ctx.view.recording(ctx.find(ctx.id(), 'Inbox'))),
    },
  ],
};
