import { z } from 'zod';
import type { BasecampRecord } from '../operation.ts';
import { defineDomain, defineOperation } from '../operation.ts';
import { personIds } from '../facts.ts';
import { date, id, ids, line, markdown } from '../params.ts';
import { todolistView, todoView } from '../views.ts';

const todoFields = {
  description: markdown('Notes under the to-do').optional(),
  assignee_ids: ids('People to assign (person ids)').optional(),
  completion_subscriber_ids: ids('People notified when it is completed').optional(),
  notify: z.boolean().optional().describe('Notify the assignees that they were assigned'),
  due_on: date('Due date').optional(),
  starts_on: date('Start date').optional(),
};

const completedCheck = (want: boolean) => (todo: BasecampRecord) =>
  todo.completed === want
    ? undefined
    : `Basecamp answered OK but the to-do is still ${want ? 'open' : 'completed'}.`;

export default defineDomain({
  name: 'todos',
  title: 'To-dos',
  summary: 'To-do lists and to-dos: list, read, create, update, complete and reopen.',
  operations: [
    defineOperation({
      id: 'todos.lists',
      domain: 'todos',
      action: 'lists',
      title: 'List to-do lists',
      summary: "List a project's to-do lists: pass project_id, or the todoset_id from its dock.",
      method: 'GET',
      path: '/todosets/{todoset_id}/todolists.json',
      params: z.object({
        todoset_id: id("The to-do set id from the project's dock"),
        status: z
          .enum(['archived', 'trashed'])
          .optional()
          .describe('Show archived or trashed lists instead of active ones'),
      }),
      query: ['status'],
      kind: 'read',
      paginated: true,
      openapi: ['ListTodolists'],
      dock: { param: 'todoset_id', name: 'todoset' },
      view: todolistView,
    }),
    defineOperation({
      id: 'todos.list',
      domain: 'todos',
      action: 'list',
      title: 'List to-dos',
      summary: 'List the to-dos in a to-do list: open ones by default, completed ones with completed: true.',
      method: 'GET',
      path: '/todolists/{todolist_id}/todos.json',
      params: z.object({
        todolist_id: id('The to-do list id'),
        completed: z.boolean().optional().describe('true: only completed to-dos (default: open ones)'),
        status: z
          .enum(['archived', 'trashed'])
          .optional()
          .describe('Show archived or trashed to-dos instead'),
      }),
      query: ['completed', 'status'],
      kind: 'read',
      paginated: true,
      openapi: ['ListTodos'],
      view: todoView,
      direct: { name: 'bc_list_todos', title: 'List to-dos in a Basecamp list' },
    }),
    defineOperation({
      id: 'todos.get',
      domain: 'todos',
      action: 'get',
      title: 'Get a to-do',
      summary: 'One to-do with its notes, assignees, dates and completion.',
      method: 'GET',
      path: '/todos/{todo_id}.json',
      params: z.object({ todo_id: id('The to-do id') }),
      kind: 'read',
      openapi: ['GetTodo'],
      view: todoView,
    }),
    defineOperation({
      id: 'todos.create',
      domain: 'todos',
      action: 'create',
      title: 'Create a to-do',
      summary: 'Add a to-do to a to-do list.',
      method: 'POST',
      path: '/todolists/{todolist_id}/todos.json',
      params: z.object({
        todolist_id: id('The to-do list to add it to'),
        content: line('What needs doing (one line)'),
        ...todoFields,
      }),
      richText: ['description'],
      kind: 'write',
      openapi: ['CreateTodo'],
      view: todoView,
      direct: { name: 'bc_create_todo', title: 'Create a Basecamp to-do' },
    }),
    defineOperation({
      id: 'todos.update',
      domain: 'todos',
      action: 'update',
      title: 'Update a to-do',
      summary: 'Change a to-do; fields you leave out keep their current value.',
      method: 'PUT',
      path: '/todos/{todo_id}.json',
      params: z.object({
        todo_id: id('The to-do id'),
        content: line('What needs doing (one line)').optional(),
        ...todoFields,
      }),
      richText: ['description'],
      kind: 'write',
      openapi: ['ReplaceTodo'],
      // Basecamp clears every field a PUT leaves out, so the current values are sent back.
      replace: {
        path: '/todos/{todo_id}.json',
        writable: (todo) => ({
          content: todo.content,
          description: todo.description ?? '',
          assignee_ids: personIds(todo.assignees),
          completion_subscriber_ids: personIds(todo.completion_subscribers),
          due_on: todo.due_on ?? null,
          starts_on: todo.starts_on ?? null,
        }),
      },
      view: todoView,
    }),
    defineOperation({
      id: 'todos.complete',
      domain: 'todos',
      action: 'complete',
      title: 'Complete a to-do',
      summary: 'Mark a to-do as done.',
      method: 'POST',
      path: '/todos/{todo_id}/completion.json',
      params: z.object({ todo_id: id('The to-do id') }),
      kind: 'write',
      idempotent: true,
      openapi: ['CompleteTodo'],
      readBack: { path: '/todos/{todo_id}.json', check: completedCheck(true) },
      view: todoView,
      direct: { name: 'bc_complete_todo', title: 'Complete a Basecamp to-do' },
    }),
    defineOperation({
      id: 'todos.uncomplete',
      domain: 'todos',
      action: 'uncomplete',
      title: 'Reopen a to-do',
      summary: 'Mark a completed to-do as not done again.',
      method: 'DELETE',
      path: '/todos/{todo_id}/completion.json',
      params: z.object({ todo_id: id('The to-do id') }),
      // Removing a completion loses nothing: it is a write, not a destructive action.
      kind: 'write',
      openapi: ['UncompleteTodo'],
      readBack: { path: '/todos/{todo_id}.json', check: completedCheck(false) },
      view: todoView,
    }),
  ],
});
