// Fixed value sets of the Basecamp API, written once: the catalog offers them to agents (as enums) and
// the sandbox Basecamp accepts exactly them, so the two cannot drift apart.

/** The colors Basecamp lets you give card columns, to-do groups and calendars. */
export const BASECAMP_COLORS = [
  'white',
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'aqua',
  'purple',
  'gray',
  'pink',
  'brown',
] as const;

/** The recording types `GET /projects/recordings.json?type=…` lists. */
export const LISTABLE_RECORDING_TYPES = [
  'Comment',
  'Document',
  'Kanban::Card',
  'Kanban::Step',
  'Message',
  'Question::Answer',
  'Schedule::Entry',
  'Todo',
  'Todolist',
  'Upload',
  'Vault',
] as const;

/** The recording types a webhook can be told to deliver events for. */
export const WEBHOOK_RECORDING_TYPES = [
  'Comment',
  'Client::Approval::Response',
  'Client::Forward',
  'Client::Reply',
  'CloudFile',
  'Document',
  'GoogleDocument',
  'Inbox::Forward',
  'Kanban::Card',
  'Kanban::Step',
  'Message',
  'Question',
  'Question::Answer',
  'Schedule::Entry',
  'Todo',
  'Todolist',
  'Upload',
  'Vault',
] as const;

/** The due windows `GET /my/assignments/due.json?scope=…` accepts. */
export const ASSIGNMENT_DUE_SCOPES = [
  'overdue',
  'due_today',
  'due_tomorrow',
  'due_later_this_week',
  'due_next_week',
  'due_later',
] as const;
