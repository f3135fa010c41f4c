// The kinds of item a link or a `basecamp://` URI can name, each read by one catalog operation. Resources and
// resolve_url share it, so a pasted link and a resource read the same thing the same way.

/** One kind of recording readable as `basecamp://projects/{project_id}/{type}/{recording_id}`. */
export interface RecordingKind {
  /** The segment(s) in Basecamp's own app links, e.g. `todos` in …/buckets/1/todos/2, `card_tables/cards`. */
  type: string;
  /** The catalog operation that reads one (`domain.action`). */
  operation: string;
  /** Its id param. */
  param: string;
  /** Comments are shown under it. */
  comments?: boolean;
}

/** The table: adding a readable kind is one line. Segments follow Basecamp's app URLs where they exist. */
export const RECORDING_KINDS: readonly RecordingKind[] = [
  { type: 'todos', operation: 'todos.get', param: 'todo_id', comments: true },
  { type: 'todolists', operation: 'todos.get_list', param: 'todolist_id', comments: true },
  { type: 'todosets', operation: 'todos.todoset', param: 'todoset_id' },
  { type: 'messages', operation: 'messages.get', param: 'message_id', comments: true },
  { type: 'message_boards', operation: 'messages.board', param: 'board_id' },
  { type: 'comments', operation: 'comments.get', param: 'comment_id' },
  { type: 'documents', operation: 'files.document', param: 'document_id', comments: true },
  { type: 'uploads', operation: 'files.upload', param: 'upload_id', comments: true },
  { type: 'vaults', operation: 'files.folder', param: 'vault_id' },
  { type: 'cards', operation: 'cards.get', param: 'card_id', comments: true },
  { type: 'card_tables', operation: 'cards.table', param: 'card_table_id' },
  // A card's and a column's own app links (…/card_tables/cards/<id>); `cards` above is the short form.
  { type: 'card_tables/cards', operation: 'cards.get', param: 'card_id', comments: true },
  { type: 'card_tables/columns', operation: 'cards.column', param: 'column_id' },
  { type: 'schedules', operation: 'schedules.get', param: 'schedule_id' },
  { type: 'schedule_entries', operation: 'schedules.entry', param: 'entry_id', comments: true },
  { type: 'questionnaires', operation: 'checkins.questionnaire', param: 'questionnaire_id' },
  { type: 'questions', operation: 'checkins.question', param: 'question_id' },
  { type: 'question_answers', operation: 'checkins.answer', param: 'answer_id', comments: true },
  { type: 'chats', operation: 'campfires.get', param: 'chat_id' },
  { type: 'inboxes', operation: 'inbox.get', param: 'inbox_id' },
  { type: 'inbox_forwards', operation: 'inbox.forward', param: 'forward_id', comments: true },
];

export const RECORDING_TYPES: readonly string[] = RECORDING_KINDS.map((kind) => kind.type);

/** The kind a link's type segments name (`todos`, `card_tables/cards`), if it is one we read. */
export function recordingKind(type: string | undefined): RecordingKind | undefined {
  return RECORDING_KINDS.find((kind) => kind.type === type);
}
