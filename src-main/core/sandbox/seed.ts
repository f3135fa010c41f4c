// The sandbox's own demo data, in Basecamp's documented shapes: a small design studio with people,
// projects (full docks), to-do lists (one long enough to span several pages), messages with
// comments, Campfire lines, a card table, documents and schedule entries. Deterministic: the same
// `today` gives the same data, ids included.
import { plainText } from './plain-text.ts';
import { createProject } from './routes/projects.ts';
import { renderedMention } from './rich-content.ts';
import type { AccountStore, Person, Project } from './store.ts';

/** A clock for seed timestamps: `at(-3, 90)` = three days before today, 10:30 UTC. */
function clock(today: string) {
  const midnight = Date.parse(`${today}T00:00:00Z`);
  return (days: number, minutes = 0) =>
    new Date(midnight + days * 86_400_000 + (9 * 60 + minutes) * 60_000).toISOString();
}

function day(today: string, offset: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

interface PersonSeed {
  name: string;
  title: string;
  location: string | null;
  bio?: string;
  admin?: boolean;
  owner?: boolean;
  client?: boolean;
  company?: string;
}

const STUDIO = 'Juniper & Pine';

function addPeople(store: AccountStore, seeds: PersonSeed[], joined: string, domain: string): Person[] {
  const company = { id: store.nextId(), name: STUDIO };
  const clientCompany = { id: store.nextId(), name: 'Harbor Outfitters' };
  return seeds.map((seed) =>
    store.addPerson({
      name: seed.name,
      email_address: `${seed.name.split(' ')[0]!.toLowerCase()}@${seed.client ? 'harbor-outfitters.example' : domain}`,
      personable_type: seed.client ? 'Client' : 'User',
      title: seed.title,
      bio: seed.bio ?? null,
      location: seed.location,
      created_at: joined,
      updated_at: joined,
      admin: Boolean(seed.admin),
      owner: Boolean(seed.owner),
      client: Boolean(seed.client),
      employee: !seed.client,
      time_zone: 'America/Chicago',
      company: seed.client ? clientCompany : company,
    }),
  );
}

// As Basecamp renders a mention: a figure with the person's name as its caption (no "@": readers add it).
const mention = (person: Person) => renderedMention(person);

function todolist(
  store: AccountStore,
  project: Project,
  creatorId: number,
  title: string,
  createdAt: string,
  description = '',
) {
  const set = store.tool(project.id, 'todoset')!;
  return store.add({
    type: 'Todolist',
    bucketId: project.id,
    parentId: set.id,
    creatorId,
    title,
    createdAt,
    fields: { description },
  });
}

interface TodoSeed {
  content: string;
  description?: string;
  assignees?: number[];
  due?: string | null;
  completedBy?: number;
  priority?: boolean;
}

function todo(
  store: AccountStore,
  listId: number,
  bucketId: number,
  creatorId: number,
  createdAt: string,
  seed: TodoSeed,
) {
  return store.add({
    type: 'Todo',
    bucketId,
    parentId: listId,
    creatorId,
    title: seed.content,
    createdAt,
    fields: {
      content: seed.content,
      description: seed.description ?? '',
      assignee_ids: seed.assignees ?? [],
      completion_subscriber_ids: [],
      due_on: seed.due ?? null,
      starts_on: null,
      completed: seed.completedBy !== undefined,
      completed_at: seed.completedBy !== undefined ? createdAt.replace('T09', 'T16') : null,
      completer_id: seed.completedBy ?? null,
      priority: Boolean(seed.priority),
    },
  });
}

function comment(
  store: AccountStore,
  parentId: number,
  creatorId: number,
  createdAt: string,
  content: string,
) {
  const parent = store.get(parentId)!;
  return store.add({
    type: 'Comment',
    bucketId: parent.bucketId,
    parentId,
    creatorId,
    title: `Re: ${parent.title}`,
    createdAt,
    position: null,
    fields: { content },
  });
}

function message(
  store: AccountStore,
  project: Project,
  creatorId: number,
  createdAt: string,
  subject: string,
  content: string,
) {
  const board = store.tool(project.id, 'message_board')!;
  return store.add({
    type: 'Message',
    bucketId: project.id,
    parentId: board.id,
    creatorId,
    title: subject,
    createdAt,
    position: null,
    fields: { content },
  });
}

function line(store: AccountStore, project: Project, creatorId: number, createdAt: string, content: string) {
  const chat = store.tool(project.id, 'chat')!;
  const rich = /<[a-z]/i.test(content);
  return store.add({
    type: rich ? 'Chat::Lines::RichText' : 'Chat::Lines::Text',
    bucketId: project.id,
    parentId: chat.id,
    creatorId,
    title: plainText(content),
    createdAt,
    position: null,
    fields: { content },
  });
}

const AREAS = [
  'homepage',
  'pricing page',
  'blog',
  'checkout',
  'account settings',
  'help center',
  'navigation',
  'footer',
  'store locator',
  'contact form',
  'careers page',
  '404 page',
];
const CHECKS = [
  'Proofread the',
  'Check accessibility of the',
  'Test the responsive layout of the',
  'Set up redirects for the',
  'Verify analytics events on the',
  'Get client sign-off on the',
];

/** The main demo account. Returns nothing: everything lands in the store. */
export function seedStudio(store: AccountStore): void {
  const at = clock(store.today);
  const due = (offset: number) => day(store.today, offset);
  const [ada, marcus, priya, tomas, hana, elliot, grace] = addPeople(
    store,
    [
      {
        name: 'Ada Lindqvist',
        title: 'Founder & Creative Director',
        location: 'Chicago, IL',
        bio: 'Makes things simpler than they were.',
        admin: true,
        owner: true,
      },
      { name: 'Marcus Oyelaran', title: 'Lead Developer', location: 'Austin, TX', admin: true },
      { name: 'Priya Raman', title: 'Product Designer', location: 'Toronto, ON', bio: 'Typography first.' },
      { name: 'Tomás Herrera', title: 'Front-end Developer', location: 'Madrid, Spain' },
      {
        name: 'Hana Sato',
        title: 'Project Manager',
        location: 'Chicago, IL',
        bio: 'Keeper of the calendar.',
      },
      { name: 'Elliot Brooks', title: 'Copywriter', location: null },
      {
        name: 'Grace Whitfield',
        title: 'Marketing Director',
        location: 'Portland, ME',
        client: true,
        company: 'Harbor Outfitters',
      },
    ],
    at(-120),
    'juniperandpine.example',
  ) as [Person, Person, Person, Person, Person, Person, Person];
  store.meId = ada.id;
  const team = [ada, marcus, priya, tomas, hana, elliot];

  // Team HQ: announcements, the busy Campfire, the shared calendar and handbook.
  const hq = createProject(store, {
    name: `${STUDIO} HQ`,
    description: 'Company-wide announcements and stuff everyone needs to know.',
    creatorId: ada.id,
    createdAt: at(-110),
    purpose: 'company_hq',
    disabled: ['inbox', 'kanban_board'],
    people: team.map((p) => p.id),
  });
  // Harbor redesign: the client project with the long launch checklist.
  const harbor = createProject(store, {
    name: 'Harbor Outfitters Website Redesign',
    description: 'New site for Harbor Outfitters: brand refresh, new store locator, faster checkout.',
    creatorId: hana.id,
    createdAt: at(-60),
    disabled: ['questionnaire', 'inbox', 'kanban_board'],
    people: [ada, marcus, priya, tomas, hana, elliot, grace].map((p) => p.id),
  });
  // Mobile app: sprint lists plus the card table.
  const mobile = createProject(store, {
    name: 'Trailhead Mobile App 2.0',
    description: 'The iOS and Android rewrite: offline maps, new onboarding.',
    creatorId: marcus.id,
    createdAt: at(-45),
    disabled: ['questionnaire', 'inbox'],
    columns: ['In progress', 'Review'],
    people: [ada, marcus, priya, tomas, hana].map((p) => p.id),
  });
  const archived = createProject(store, {
    name: 'Spring Catalog 2025',
    description: 'Print catalog, wrapped up last year.',
    creatorId: priya.id,
    createdAt: at(-300),
    disabled: ['questionnaire', 'inbox', 'kanban_board'],
    people: team.map((p) => p.id),
  });
  archived.status = 'archived';

  // --- Harbor: the launch checklist (72 to-dos, 6 done → 66 open: pages of 15, 30, 21).
  const checklist = todolist(
    store,
    harbor,
    hana.id,
    'Launch checklist',
    at(-50),
    '<div>Everything that must be true before we flip DNS. <strong>Tick items only after a second pair of eyes.</strong></div>',
  );
  let n = 0;
  for (const area of AREAS) {
    for (const check of CHECKS) {
      const assignee = team[n % team.length]!;
      todo(store, checklist.id, harbor.id, hana.id, at(-50, n), {
        content: `${check} ${area}`,
        description:
          n % 5 === 0
            ? `<div>Use the launch spreadsheet for the ${area}; note anything odd in a comment.</div>`
            : '',
        assignees: n % 4 === 3 ? [] : [assignee.id],
        due: n % 3 === 0 ? due((n % 21) - 6) : null,
        completedBy: n % 12 === 11 ? assignee.id : undefined,
      });
      n++;
    }
  }
  const design = todolist(
    store,
    harbor,
    priya.id,
    'Design',
    at(-58),
    '<div>Visual design work for the new site.</div>',
  );
  const designTodos: TodoSeed[] = [
    { content: 'Moodboard for the brand refresh', assignees: [priya.id], completedBy: priya.id },
    {
      content: 'Homepage hero options (3 directions)',
      assignees: [priya.id, ada.id],
      due: due(-2),
      description:
        '<div>Show them to Grace on Thursday. See the <a href="https://example.com/brief">brief</a>.</div>',
    },
    { content: 'Icon set for product categories', assignees: [priya.id], due: due(3) },
    { content: 'Store locator map style', assignees: [tomas.id], due: due(5) },
    { content: 'Type scale and colour tokens', assignees: [priya.id], completedBy: priya.id },
    { content: 'Review checkout wireframes with Marcus', assignees: [ada.id], due: due(0), priority: true },
    { content: 'Photo direction for lookbook pages', assignees: [ada.id], due: due(9) },
  ];
  const designIds = designTodos.map(
    (seed, i) => todo(store, design.id, harbor.id, priya.id, at(-57, i * 7), seed).id,
  );
  const build = todolist(store, harbor, marcus.id, 'Build', at(-40));
  [
    { content: 'Set up the staging environment', assignees: [marcus.id], completedBy: marcus.id },
    { content: 'Port product pages to the new templates', assignees: [tomas.id], due: due(4) },
    {
      content: 'Checkout: address autocomplete',
      assignees: [marcus.id, ada.id],
      due: due(1),
      priority: true,
    },
    { content: 'Performance budget check on 3G', assignees: [tomas.id], due: due(12) },
    { content: 'Write the redirect map from old URLs', assignees: [ada.id], due: due(-1) },
  ].forEach((seed, i) => todo(store, build.id, harbor.id, marcus.id, at(-39, i * 11), seed));
  comment(
    store,
    designIds[1]!,
    ada.id,
    at(-3, 30),
    `<div>Direction B is my favourite — ${mention(priya)} can we try it with the darker navy?</div>`,
  );
  comment(
    store,
    designIds[1]!,
    priya.id,
    at(-3, 95),
    '<div>On it. I will post both versions here by tomorrow.</div>',
  );

  const kickoff = message(
    store,
    harbor,
    hana.id,
    at(-59),
    'Kickoff notes',
    `<div><strong>Thanks for a great kickoff, everyone!</strong></div><div><br>Summary:</div><ul><li>Launch target is the first week of next quarter.</li><li>${mention(grace)} is our day-to-day contact at Harbor.</li><li>Weekly review every Thursday at 10am.</li></ul>`,
  );
  comment(
    store,
    kickoff.id,
    grace.id,
    at(-58, 20),
    '<div>Thank you! Excited to get going. I shared the brand guidelines in Docs &amp; Files.</div>',
  );
  comment(store, kickoff.id, marcus.id, at(-58, 140), '<div>I will have staging up by Friday.</div>');
  comment(store, kickoff.id, ada.id, at(-57, 15), '<div>Perfect. 🎉</div>');
  message(
    store,
    harbor,
    priya.id,
    at(-20),
    'Design review: round one',
    '<div>Three homepage directions are up in the Design list. Feedback by <strong>Wednesday</strong> please.</div>',
  );

  const harborVault = store.tool(harbor.id, 'vault')!;
  store.add({
    type: 'Document',
    bucketId: harbor.id,
    parentId: harborVault.id,
    creatorId: elliot.id,
    title: 'Brand voice notes',
    createdAt: at(-55),
    fields: {
      content:
        '<div><strong>Voice:</strong> warm, plain, a little salty — like a good harbour pilot.</div><ul><li>Say “you”, not “customers”.</li><li>No exclamation marks in headlines.</li></ul>',
    },
  });
  const contracts = store.add({
    type: 'Vault',
    bucketId: harbor.id,
    parentId: harborVault.id,
    creatorId: hana.id,
    title: 'Contracts',
    createdAt: at(-60, 30),
  });
  store.add({
    type: 'Document',
    bucketId: harbor.id,
    parentId: contracts.id,
    creatorId: hana.id,
    title: 'Statement of work',
    createdAt: at(-60, 45),
    fields: {
      content: '<div>Scope: design and build of the public site. Out of scope: the wholesale portal.</div>',
    },
  });

  const harborSchedule = store.tool(harbor.id, 'schedule')!;
  store.add({
    type: 'Schedule::Entry',
    bucketId: harbor.id,
    parentId: harborSchedule.id,
    creatorId: hana.id,
    title: 'Design review with Harbor',
    createdAt: at(-10),
    position: null,
    fields: {
      description: '<div>Round two of the homepage directions.</div>',
      starts_at: at(2, 60),
      ends_at: at(2, 120),
      all_day: false,
      participant_ids: [ada.id, priya.id, grace.id, hana.id],
    },
  });
  store.add({
    type: 'Schedule::Entry',
    bucketId: harbor.id,
    parentId: harborSchedule.id,
    creatorId: hana.id,
    title: 'Launch day',
    createdAt: at(-10, 5),
    position: null,
    fields: {
      description: '<div>DNS switch at 7am Central.</div>',
      starts_at: `${due(30)}T00:00:00.000Z`,
      ends_at: `${due(30)}T23:59:59.000Z`,
      all_day: true,
      participant_ids: team.map((p) => p.id),
    },
  });
  line(store, harbor, marcus.id, at(-2, 10), 'Staging is green again after the dependency bump.');
  line(store, harbor, tomas.id, at(-2, 14), 'Nice! Product pages are next.');
  line(store, harbor, priya.id, at(-1, 200), '<strong>Heads up:</strong> new hero images are in the vault.');
  line(store, harbor, ada.id, at(-1, 205), '👍');

  // --- Mobile: sprint lists and the card table.
  const sprint = todolist(
    store,
    mobile,
    marcus.id,
    'Sprint 14',
    at(-14),
    '<div>Two weeks, ending Friday.</div>',
  );
  [
    { content: 'Offline map tiles: download manager', assignees: [marcus.id], due: due(2) },
    { content: 'Onboarding: location permission screen', assignees: [priya.id, tomas.id], due: due(-3) },
    {
      content: 'Crash on Android 12 when rotating map',
      assignees: [tomas.id],
      due: due(0),
      description: '<div>Repro: open a trail, rotate twice. Stack trace in the comments.</div>',
    },
    { content: 'App Store screenshots', assignees: [ada.id], due: due(6) },
    { content: 'Sign-in with email link', assignees: [marcus.id], completedBy: marcus.id },
    { content: 'Dark mode for trail cards', assignees: [priya.id], completedBy: priya.id },
  ].forEach((seed, i) => todo(store, sprint.id, mobile.id, marcus.id, at(-14, i * 9), seed));
  const bugs = todolist(store, mobile, hana.id, 'Bugs', at(-30));
  [
    'Elevation chart overlaps the legend',
    'Search keeps the old query after clearing',
    'Push notification opens the wrong trail',
  ].forEach((content, i) =>
    todo(store, bugs.id, mobile.id, hana.id, at(-30, i * 13), { content, assignees: [tomas.id] }),
  );
  const board = store.tool(mobile.id, 'kanban_board')!;
  const columns = store.children(board.id);
  const byTitle = (title: string) => columns.find((c) => c.title === title)!;
  const card = (
    columnTitle: string,
    title: string,
    content: string,
    assignees: number[],
    dueOn: string | null,
    i: number,
  ) =>
    store.add({
      type: 'Kanban::Card',
      bucketId: mobile.id,
      parentId: byTitle(columnTitle).id,
      creatorId: marcus.id,
      title,
      createdAt: at(-20, i * 17),
      fields: { content, due_on: dueOn, assignee_ids: assignees, completed: false },
    });
  card(
    'Triage',
    'Widget for the home screen',
    '<div>Users keep asking for this in reviews.</div>',
    [],
    null,
    0,
  );
  card('Triage', 'Apple Watch companion', '<div>Maybe for 2.1?</div>', [], null, 1);
  card('Not now', 'Social sharing of trail photos', '', [], null, 2);
  const offline = card(
    'In progress',
    'Offline maps',
    '<div>Download a region, keep it for 30 days.</div>',
    [marcus.id],
    due(7),
    3,
  );
  card('In progress', 'New onboarding flow', '<div>Three screens, skippable.</div>', [priya.id], due(4), 4);
  card('Review', 'Trail difficulty badges', '', [tomas.id], due(1), 5);
  card('Done', 'Email-link sign in', '', [marcus.id], null, 6);
  card('Done', 'Dark mode', '', [priya.id], null, 7);
  ['Region picker UI', 'Tile download queue', 'Storage warning'].forEach((title, i) =>
    store.add({
      type: 'Kanban::Step',
      bucketId: mobile.id,
      parentId: offline.id,
      creatorId: marcus.id,
      title,
      createdAt: at(-19, i),
      fields: { completed: i === 0, due_on: due(i + 2), assignee_ids: [marcus.id] },
    }),
  );
  comment(store, offline.id, ada.id, at(-5), '<div>Can we cap the download size at 500 MB?</div>');
  message(
    store,
    mobile,
    marcus.id,
    at(-12),
    'Beta build 2.0.0-b3 is out',
    '<div>TestFlight and Play internal track both have it. <strong>Please</strong> try the offline maps on a real hike.</div>',
  );

  // --- HQ: announcements, Campfire chatter, calendar, handbook.
  const welcome = message(
    store,
    hq,
    ada.id,
    at(-100),
    'Welcome to the new HQ project',
    '<div>This is where company-wide news lives. Chat is for everything else.</div>',
  );
  comment(
    store,
    welcome.id,
    hana.id,
    at(-100, 40),
    '<div>Love it. I moved the holiday calendar here too.</div>',
  );
  comment(store, welcome.id, elliot.id, at(-99, 10), '<div>👋</div>');
  message(
    store,
    hq,
    hana.id,
    at(-7),
    'Office closed next Friday',
    '<div>The building is doing electrical work. <em>Work from home</em> that day.</div>',
  );
  message(
    store,
    hq,
    ada.id,
    at(-1),
    'Q3 goals',
    `<div>Draft goals are in Docs &amp; Files. ${mention(marcus)} and ${mention(hana)}, please add yours before Monday.</div>`,
  );
  const chatter = [
    'Morning all ☕',
    'Morning!',
    'Who has the spare USB-C dongle?',
    'It is on the shelf by the printer.',
    '<strong>Reminder:</strong> timesheets are due today.',
    'Lunch order going in at 12:15 — tacos?',
    'Tacos 🌮',
    'Yes please',
    'Count me in',
    'Has anyone seen the new Harbor moodboard? It looks great.',
    'Thanks! Direction B is winning so far.',
    'The Wi-Fi is flaky in the back room again',
    'I restarted the access point, try now',
    'Better, thanks',
    'Reminder: demo at 3pm in the big room',
    'Running 5 min late',
    'No worries',
    'Great demo everyone 👏',
    'Has anyone got the link to the brand deck?',
    'It is in Docs &amp; Files → Brand.',
    'Heading out, see you tomorrow',
  ];
  chatter.forEach((content, i) =>
    line(store, hq, team[(i * 5) % team.length]!.id, at(-3 + Math.floor(i / 8), i * 7), content),
  );
  const hqVault = store.tool(hq.id, 'vault')!;
  store.add({
    type: 'Document',
    bucketId: hq.id,
    parentId: hqVault.id,
    creatorId: hana.id,
    title: 'Onboarding guide',
    createdAt: at(-105),
    fields: {
      content:
        '<h1>Welcome aboard</h1><div>Your first week: accounts, a buddy, and one small shipped thing by Friday.</div>',
    },
  });
  store.add({
    type: 'Document',
    bucketId: hq.id,
    parentId: hqVault.id,
    creatorId: hana.id,
    title: 'Holiday calendar',
    createdAt: at(-104),
    fields: {
      content: '<div>The office is closed on public holidays and between Christmas and New Year.</div>',
    },
  });
  store.add({
    type: 'Document',
    bucketId: hq.id,
    parentId: hqVault.id,
    creatorId: ada.id,
    title: 'Q3 goals (draft)',
    createdAt: at(-1, 5),
    fields: {
      content:
        '<ol><li>Ship Harbor on time.</li><li>Trailhead 2.0 in public beta.</li><li>Hire a second designer.</li></ol>',
    },
  });
  const hqSchedule = store.tool(hq.id, 'schedule')!;
  [
    ['All-hands', 1, 60, 'Monthly numbers and demos.'],
    ['Team lunch', 3, 180, 'Tacos, obviously.'],
    ['Quarterly planning', 9, 0, 'Bring your Q3 goals.'],
  ].forEach(([title, offset, minutes, description], i) =>
    store.add({
      type: 'Schedule::Entry',
      bucketId: hq.id,
      parentId: hqSchedule.id,
      creatorId: hana.id,
      title: String(title),
      createdAt: at(-8, i),
      position: null,
      fields: {
        description: `<div>${description}</div>`,
        starts_at: at(Number(offset), Number(minutes)),
        ends_at: at(Number(offset), Number(minutes) + 60),
        all_day: false,
        participant_ids: team.map((p) => p.id),
      },
    }),
  );
  const hqTodos = todolist(store, hq, hana.id, 'Office', at(-90));
  [
    { content: 'Renew the coffee subscription', assignees: [hana.id], due: due(10) },
    { content: 'Book the venue for the offsite', assignees: [ada.id], due: due(-4), priority: true },
    { content: 'New chairs for the back room', assignees: [hana.id], completedBy: hana.id },
  ].forEach((seed, i) => todo(store, hqTodos.id, hq.id, hana.id, at(-90, i * 5), seed));

  // --- The archived project keeps a little history.
  const old = todolist(store, archived, priya.id, 'Print run', at(-290));
  todo(store, old.id, archived.id, priya.id, at(-290, 5), {
    content: 'Send files to the printer',
    assignees: [priya.id],
    completedBy: priya.id,
  });
}

/** A second, smaller bc3 account, for the "choose an account" path. */
export function seedSideProject(store: AccountStore): void {
  const at = clock(store.today);
  const [ada, sam] = addPeople(
    store,
    [
      { name: 'Ada Lindqvist', title: 'Volunteer', location: 'Chicago, IL', admin: true, owner: true },
      { name: 'Sam Okafor', title: 'Organizer', location: 'Chicago, IL', admin: true },
    ],
    at(-200),
    'trailcrew.example',
  ) as [Person, Person];
  store.meId = ada.id;
  const project = createProject(store, {
    name: 'Trail Crew Volunteers',
    description: 'Weekend trail maintenance.',
    creatorId: sam.id,
    createdAt: at(-150),
    disabled: ['questionnaire', 'inbox', 'kanban_board'],
    people: [ada.id, sam.id],
  });
  const list = todolist(store, project, sam.id, 'Saturday work day', at(-10));
  [
    'Pick up tools from the shed',
    'Clear the fallen tree on the ridge trail',
    'Bring water for 12 people',
  ].forEach((content, i) =>
    todo(store, list.id, project.id, sam.id, at(-10, i), {
      content,
      assignees: [i === 1 ? ada.id : sam.id],
      due: day(store.today, 2),
    }),
  );
  message(store, project, sam.id, at(-9), 'Meeting point', '<div>Trailhead parking lot, 8am sharp.</div>');
}
