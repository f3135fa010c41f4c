import { z } from 'zod';
import { defineDomain, defineOperation } from '../operation.ts';
import { id } from '../params.ts';
import { personView } from '../views.ts';

export default defineDomain({
  name: 'people',
  title: 'People',
  summary:
    'People on the account and on projects: find person ids for assigning, mentioning (<@id>) and notifying.',
  operations: [
    defineOperation({
      id: 'people.list',
      domain: 'people',
      action: 'list',
      title: 'List people',
      summary: 'Everyone on the account you can see, with their person ids.',
      method: 'GET',
      path: '/people.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['ListPeople'],
      view: personView,
    }),
    defineOperation({
      id: 'people.in_project',
      domain: 'people',
      action: 'in_project',
      title: 'List people on a project',
      summary: 'The people who have access to one project.',
      method: 'GET',
      path: '/projects/{project_id}/people.json',
      params: z.object({ project_id: id('The project id') }),
      kind: 'read',
      paginated: true,
      openapi: ['ListProjectPeople'],
      view: personView,
    }),
    defineOperation({
      id: 'people.pingable',
      domain: 'people',
      action: 'pingable',
      title: 'List people you can ping',
      summary: 'Everyone you can start a private chat (Ping) with.',
      method: 'GET',
      path: '/circles/people.json',
      params: z.object({}),
      kind: 'read',
      paginated: true,
      openapi: ['ListPingablePeople'],
      view: personView,
    }),
    defineOperation({
      id: 'people.get',
      domain: 'people',
      action: 'get',
      title: 'Get a person',
      summary:
        "One person's profile: name, e-mail, title, time zone, and whether they are an admin or a client.",
      method: 'GET',
      path: '/people/{person_id}.json',
      params: z.object({ person_id: id('The person id') }),
      kind: 'read',
      openapi: ['GetPerson'],
      view: personView,
    }),
  ],
});
