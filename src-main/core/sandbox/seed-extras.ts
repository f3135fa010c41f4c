// Demo data for the families added with the full catalog: check-ins with answers, e-mail forwards,
// the client side, files, gauges, time entries, templates, folders, Lineup markers, message types,
// a webhook, a chatbot and a hill chart. Runs after seedStudio, so the ids it takes come last.
import type { AccountStore, Person, Project } from './store.ts';
import { adminState } from './routes/admin.ts';

function byName<T extends { name: string }>(items: Iterable<T>, prefix: string): T {
  for (const item of items) if (item.name.startsWith(prefix)) return item;
  throw new Error(`seed-extras: nothing named ${prefix}…`);
}

export function seedExtras(store: AccountStore): void {
  const list = [...store.people.values()];
  const person = (prefix: string): Person => byName(list, prefix);
  const [ada, marcus, priya, hana, grace] = ['Ada', 'Marcus', 'Priya', 'Hana', 'Grace'].map(person) as [
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  const hq = byName<Project>(store.projects.values(), 'Juniper');
  const harbor = byName<Project>(store.projects.values(), 'Harbor');
  const mobile = byName<Project>(store.projects.values(), 'Trailhead');
  const day = (offset: number) =>
    new Date(Date.parse(`${store.today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const at = (offset: number, hour = 10) => `${day(offset)}T${String(hour).padStart(2, '0')}:15:00.000Z`;

  // Check-ins in HQ: two questions, answers from the team over the last days.
  const questionnaire = store.tool(hq.id, 'questionnaire')!;
  const daily = store.add({
    type: 'Question',
    bucketId: hq.id,
    parentId: questionnaire.id,
    creatorId: ada.id,
    title: 'What did you work on today?',
    createdAt: at(-30),
    fields: {
      schedule: { frequency: 'every_day', days: [1, 2, 3, 4, 5], hour: 16, minute: 30 },
      paused: false,
    },
  });
  store.add({
    type: 'Question',
    bucketId: hq.id,
    parentId: questionnaire.id,
    creatorId: ada.id,
    title: 'What inspired you this week?',
    createdAt: at(-30, 11),
    fields: { schedule: { frequency: 'every_week', days: [5], hour: 9, minute: 0 }, paused: true },
  });
  const answers: [Person, number, string][] = [
    [marcus, -2, '<div>Wired the checkout autocomplete to the address API; staging is green.</div>'],
    [priya, -2, '<div>Darker navy variant of homepage direction B.</div>'],
    [hana, -1, '<div>Planned the Thursday review and sent the agenda to Grace.</div>'],
    [marcus, -1, '<div>Offline tile cache: eviction rules and a size cap.</div>'],
  ];
  for (const [who, offset, content] of answers)
    store.add({
      type: 'Question::Answer',
      bucketId: hq.id,
      parentId: daily.id,
      creatorId: who.id,
      title: `Answer to “${daily.title}”`,
      createdAt: at(offset, 17),
      position: null,
      fields: { content, group_on: day(offset) },
    });

  // E-mail forwarded into Harbor's inbox, with a reply.
  const inbox = store.tool(harbor.id, 'inbox')!;
  const forward = store.add({
    type: 'Inbox::Forward',
    bucketId: harbor.id,
    parentId: inbox.id,
    creatorId: hana.id,
    title: 'Fwd: Store locator data export',
    createdAt: at(-6),
    position: null,
    fields: {
      from: 'ops@harbor-outfitters.example',
      content: '<div>Attached is the latest export of all 212 store locations with opening hours.</div>',
    },
  });
  store.add({
    type: 'Inbox::Forward::Reply',
    bucketId: harbor.id,
    parentId: forward.id,
    creatorId: marcus.id,
    title: 'Re: Store locator data export',
    createdAt: at(-5),
    position: null,
    fields: { content: '<div>Imported into staging; 3 rows had no coordinates, I flagged them.</div>' },
  });

  // The client side of Harbor: an approval and a correspondence with Grace, each with a reply.
  // They hang off the project's message board, as Basecamp's client-side threads do.
  const clientBoard = store.tool(harbor.id, 'message_board')!;
  const approval = store.add({
    type: 'Client::Approval',
    bucketId: harbor.id,
    parentId: clientBoard.id,
    creatorId: hana.id,
    title: 'Approve the homepage direction',
    createdAt: at(-4),
    visibleToClients: true,
    position: null,
    fields: {
      content: '<div>Direction B with the darker navy. Please approve by Friday.</div>',
      due_on: day(2),
      approver_id: grace.id,
      approval_status: 'pending',
    },
  });
  const correspondence = store.add({
    type: 'Client::Correspondence',
    bucketId: harbor.id,
    parentId: clientBoard.id,
    creatorId: hana.id,
    title: 'Weekly status: launch prep',
    createdAt: at(-3),
    visibleToClients: true,
    position: null,
    fields: { content: '<div>Checkout is on staging; store locator import is done.</div>' },
  });
  for (const [thread, content] of [
    [approval, '<div>Looks great. One question about the hero photo before I approve.</div>'],
    [correspondence, '<div>Thanks Hana, the team is thrilled.</div>'],
  ] as const)
    store.add({
      type: 'Client::Reply',
      bucketId: harbor.id,
      parentId: thread.id,
      creatorId: grace.id,
      title: `Re: ${thread.title}`,
      createdAt: at(-2),
      visibleToClients: true,
      position: null,
      fields: { content },
    });

  // Files in Harbor's Docs & Files, plus a cloud file and a Google document.
  const vault = store.tool(harbor.id, 'vault')!;
  for (const [filename, type, size, who] of [
    ['brand-guidelines.pdf', 'application/pdf', 2_481_733, grace],
    ['homepage-direction-b.png', 'image/png', 913_402, priya],
  ] as const)
    store.add({
      type: 'Upload',
      bucketId: harbor.id,
      parentId: vault.id,
      creatorId: who.id,
      title: filename,
      createdAt: at(-10),
      fields: {
        filename,
        content_type: type,
        byte_size: size,
        description: '',
        versions: [],
        attachable_sgid: `sandbox-${filename}`,
      },
    });
  store.add({
    type: 'CloudFile',
    bucketId: harbor.id,
    parentId: vault.id,
    creatorId: marcus.id,
    title: 'Store photos (Dropbox)',
    createdAt: at(-9),
    fields: { url: 'https://www.dropbox.com/sh/example/store-photos', service: 'dropbox', description: '' },
  });
  store.add({
    type: 'GoogleDocument',
    bucketId: harbor.id,
    parentId: vault.id,
    creatorId: hana.id,
    title: 'Launch plan',
    createdAt: at(-8),
    fields: { url: 'https://docs.google.com/document/d/example', document_type: 'document', description: '' },
  });

  // Harbor's gauge and timesheet.
  harbor.timesheet_enabled = true;
  for (const [offset, position, color, description] of [
    [-14, 40, 'green', '<div>Design locked, build started.</div>'],
    [-3, 65, 'yellow', '<div>Checkout took longer than planned.</div>'],
  ] as const)
    store.add({
      type: 'Gauge::Needle',
      bucketId: harbor.id,
      creatorId: hana.id,
      title: `${position}%`,
      createdAt: at(offset),
      position: null,
      fields: { position, color, description },
    });
  const checklist = store.where((r) => r.type === 'Todolist' && r.bucketId === harbor.id)[0];
  const firstTodo = checklist ? store.children(checklist.id, 'Todo')[0] : undefined;
  if (firstTodo)
    for (const [who, offset, hours, description] of [
      [marcus, -4, '2.5', 'Staging setup'],
      [priya, -3, '1.5', 'Proofreading pass'],
    ] as const)
      store.add({
        type: 'Timesheet::Entry',
        bucketId: harbor.id,
        parentId: firstTodo.id,
        creatorId: who.id,
        title: `Time on ${firstTodo.title}`,
        createdAt: at(offset),
        position: null,
        fields: { date: day(offset), hours, description, person_id: who.id },
      });

  // Account-level things: templates, a folder, Lineup markers, message types, a webhook, a chatbot, a hill chart.
  const admin = adminState(store);
  const stamp = at(-20);
  for (const [name, description] of [
    ['Client website project', 'Kickoff, design, build and launch lists for a client site.'],
    ['Sprint', 'Two-week sprint with a card table.'],
  ] as const) {
    const id = store.nextId();
    admin.templates.set(id, { id, name, description, status: 'active', createdAt: stamp, updatedAt: stamp });
  }
  const folderId = store.nextId();
  admin.folders.set(folderId, {
    id: folderId,
    name: 'Client work',
    projectIds: [harbor.id],
    createdAt: stamp,
    updatedAt: stamp,
  });
  for (const [name, offset] of [
    ['Harbor launch', 21],
    ['Mobile 2.0 beta', 35],
  ] as const) {
    const id = store.nextId();
    admin.markers.set(id, { id, name, date: day(offset), createdAt: stamp, updatedAt: stamp });
  }
  for (const project of [hq, harbor])
    for (const [name, icon] of [
      ['Announcement', '📢'],
      ['FYI', '✨'],
      ['Question', '❓'],
    ] as const) {
      const id = store.nextId();
      admin.messageTypes.set(id, {
        id,
        name,
        icon,
        bucketId: project.id,
        createdAt: stamp,
        updatedAt: stamp,
      });
    }
  const hookId = store.nextId();
  admin.webhooks.set(hookId, {
    id: hookId,
    bucketId: harbor.id,
    payloadUrl: 'https://hooks.example.com/basecamp/harbor',
    types: ['Todo', 'Comment'],
    active: true,
    createdAt: stamp,
    updatedAt: stamp,
  });
  const chat = store.tool(hq.id, 'chat');
  if (chat) {
    const botId = store.nextId();
    admin.chatbots.set(botId, {
      id: botId,
      serviceName: 'deploybot',
      commandUrl: 'https://bots.example.com/deploy',
      chatId: chat.id,
      createdAt: stamp,
      updatedAt: stamp,
    });
  }
  const todoset = store.tool(mobile.id, 'todoset');
  if (todoset) {
    const lists = store.children(todoset.id, 'Todolist').slice(0, 2);
    admin.hills.set(todoset.id, new Map(lists.map((l, i) => [l.id, i === 0 ? 70 : 30])));
  }
}
