// Automatic check-ins: questions of a questionnaire, their answers, pause/resume, notification
// settings, and the signed-in person's pending reminders.
import { badRequest, invalid, noContent, ok, requireText, text, type Family } from '../family.ts';
import { paginate } from '../pagination.ts';
import type { Recording } from '../store.ts';
import {
  activeChildren,
  getRecording,
  listChildren,
  newestFirst,
  addChild,
  createdRecording,
} from './kit.ts';

const DEFAULT_SCHEDULE = { frequency: 'every_day', days: [1, 2, 3, 4, 5], hour: 16, minute: 30 };

function schedule(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return DEFAULT_SCHEDULE;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('schedule must be an object');
  const s = value as Record<string, unknown>;
  if (typeof s.frequency !== 'string' || !s.frequency) throw invalid("schedule frequency can't be blank");
  return s;
}

const answers = (store: Parameters<typeof activeChildren>[0], question: Recording) =>
  activeChildren(store, question.id, 'Question::Answer').sort(newestFirst);

export const checkins: Family = {
  name: 'checkins',
  types: {
    Question: {
      segment: 'questions',
      subscribable: true,
      fields: (q, view) => ({
        paused: Boolean(q.fields.paused),
        schedule: q.fields.schedule ?? DEFAULT_SCHEDULE,
        answers_count: activeChildren(view.store, q.id, 'Question::Answer').length,
        answers_url: view.api(`${view.path(q)}/answers.json`),
      }),
    },
    'Question::Answer': {
      segment: 'question_answers',
      commentable: true,
      subscribable: true,
      boostable: true,
      searchText: (a) => String(a.fields.content ?? ''),
      fields: (a) => ({
        content: a.fields.content ?? '',
        content_attachments: [],
        group_on: a.fields.group_on ?? a.createdAt.slice(0, 10),
      }),
    },
  },
  routes: [
    listChildren('/questionnaires/{id}/questions.json', 'Questionnaire', 'Question'),
    {
      method: 'POST',
      path: '/questionnaires/{id}/questions.json',
      bucketAlias: true,
      handler: (ctx) => {
        const questionnaire = ctx.find(ctx.id(), 'Questionnaire');
        const question = addChild(ctx, questionnaire, {
          type: 'Question',
          title: requireText(ctx.body, 'title'),
          fields: { schedule: schedule(ctx.body.schedule), paused: false },
        });
        return createdRecording(ctx, question);
      },
    },
    getRecording('/questions/{id}.json', 'Question'),
    {
      method: 'PUT',
      path: '/questions/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const question = ctx.find(ctx.id(), 'Question');
        const title = text(ctx.body, 'title')?.trim();
        ctx.store.update(question.id, {
          ...(title ? { title } : {}),
          fields: {
            ...(ctx.body.schedule !== undefined ? { schedule: schedule(ctx.body.schedule) } : {}),
            ...(typeof ctx.body.paused === 'boolean' ? { paused: ctx.body.paused } : {}),
          },
        });
        return ok(ctx.view.recording(question));
      },
    },
    ...(['POST', 'DELETE'] as const).map((method) => ({
      method,
      path: '/questions/{id}/pause.json',
      bucketAlias: true,
      handler: (ctx: Parameters<Family['routes'][number]['handler']>[0]) => {
        const question = ctx.find(ctx.id(), 'Question');
        ctx.store.update(question.id, { fields: { paused: method === 'POST' } });
        return ok({ paused: method === 'POST' });
      },
    })),
    {
      method: 'PUT',
      path: '/questions/{id}/notification_settings.json',
      bucketAlias: true,
      handler: (ctx) => {
        const question = ctx.find(ctx.id(), 'Question');
        const settings = {
          notify_on_answer: ctx.body.notify_on_answer === true,
          digest_include_unanswered: ctx.body.digest_include_unanswered === true,
        };
        ctx.store.update(question.id, { fields: { notification_settings: settings } });
        return ok(settings);
      },
    },
    listChildren('/questions/{id}/answers.json', 'Question', 'Question::Answer', newestFirst),
    {
      method: 'POST',
      path: '/questions/{id}/answers.json',
      bucketAlias: true,
      handler: (ctx) => {
        const question = ctx.find(ctx.id(), 'Question');
        const content = requireText(ctx.body, 'content');
        const answer = addChild(ctx, question, {
          type: 'Question::Answer',
          title: `Answer to “${question.title}”`,
          position: null,
          fields: { content, group_on: text(ctx.body, 'group_on') ?? ctx.store.today },
        });
        return createdRecording(ctx, answer);
      },
    },
    {
      method: 'GET',
      path: '/questions/{id}/answers/by.json',
      bucketAlias: true,
      handler: (ctx) => {
        const question = ctx.find(ctx.id(), 'Question');
        const ids = [...new Set(answers(ctx.store, question).map((a) => a.creatorId))];
        return paginate(ctx, ctx.view.people(ids));
      },
    },
    {
      method: 'GET',
      path: '/questions/{id}/answers/by/{person}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const question = ctx.find(ctx.id(), 'Question');
        const person = ctx.id('person');
        return paginate(
          ctx,
          answers(ctx.store, question)
            .filter((a) => a.creatorId === person)
            .map((a) => ctx.view.recording(a)),
        );
      },
    },
    getRecording('/question_answers/{id}.json', 'Question::Answer'),
    {
      method: 'PUT',
      path: '/question_answers/{id}.json',
      bucketAlias: true,
      handler: (ctx) => {
        const answer = ctx.find(ctx.id(), 'Question::Answer');
        ctx.store.update(answer.id, {
          fields: {
            content: requireText(ctx.body, 'content'),
            ...(text(ctx.body, 'group_on') ? { group_on: text(ctx.body, 'group_on') } : {}),
          },
        });
        return noContent();
      },
    },
    {
      method: 'GET',
      path: '/my/question_reminders.json',
      handler: (ctx) => {
        // A reminder for every active, unpaused question in a project you are on that you have not answered today.
        const mine = ctx.store.where(
          (r) =>
            r.type === 'Question' &&
            r.status === 'active' &&
            !r.fields.paused &&
            (ctx.store.projects.get(r.bucketId)?.people.includes(ctx.me.id) ?? false) &&
            !answers(ctx.store, r).some(
              (a) => a.creatorId === ctx.me.id && a.fields.group_on === ctx.store.today,
            ),
        );
        return paginate(
          ctx,
          mine.map((question) => ({
            reminder_id: question.id + 1,
            remind_at: `${ctx.store.today}T16:30:00.000Z`,
            group_on: ctx.store.today,
            question: ctx.view.recording(question),
          })),
        );
      },
    },
  ],
};
