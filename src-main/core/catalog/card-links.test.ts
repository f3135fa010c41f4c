// A card's own app link (…/card_tables/cards/<id>) through a real MCP client on the sandbox: resolve_url shows
// the card as `cards get` does, and the basecamp:// recording template takes the same path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMcpHarness, type McpHarness } from './mcp-harness.ts';

const textOf = (result: { contents: unknown[] }) =>
  (result.contents as { text?: string }[]).map((part) => part.text ?? '').join('\n');

describe('card links', () => {
  let h: McpHarness;
  let card: { id: number; bucketId: number };
  let column: { id: number; bucketId: number };
  let cardUrl: string;

  before(async () => {
    h = await startMcpHarness();
    const store = h.env.sandbox.store;
    card = store.where((r) => r.type === 'Kanban::Card' && r.status === 'active')[0]!;
    column = store.where((r) => r.type === 'Kanban::Column' && r.status === 'active')[0]!;
    const got = await h.ok('bc_cards', 'get', { card_id: card.id });
    cardUrl = String(got.structured.app_url);
    assert.match(cardUrl, new RegExp(`/buckets/${card.bucketId}/card_tables/cards/${card.id}$`));
  });
  after(() => h.close());

  test('resolve_url on a card link answers with the card as cards get shows it', async () => {
    const got = await h.ok('bc_cards', 'get', { card_id: card.id });
    const resolved = await h.call('bc_resolve_url', { url: cardUrl });
    assert.equal(resolved.isError, false, resolved.text);
    assert.match(resolved.text, /· card · id \d+/);
    assert.ok(resolved.text.endsWith(got.text), resolved.text);
    assert.deepEqual(resolved.structured.record, got.structured);
  });

  test('basecamp:// takes a card by its own path (literal or %2F-escaped) and reads the same as /cards/', async () => {
    const short = textOf(
      await h.client.readResource({ uri: `basecamp://projects/${card.bucketId}/cards/${card.id}` }),
    );
    for (const type of ['card_tables/cards', 'card_tables%2Fcards']) {
      const read = await h.client.readResource({
        uri: `basecamp://projects/${card.bucketId}/${type}/${card.id}`,
      });
      assert.equal(textOf(read), short, type);
    }
    const got = await h.ok('bc_cards', 'get', { card_id: card.id });
    assert.ok(short.startsWith(got.text), short);
  });

  test('a column reads by its own path, and a card path without an id says what is missing', async () => {
    const read = textOf(
      await h.client.readResource({
        uri: `basecamp://projects/${column.bucketId}/card_tables/columns/${column.id}`,
      }),
    );
    const got = await h.ok('bc_cards', 'column', { column_id: column.id });
    assert.equal(read, got.text);
    await assert.rejects(
      h.client.readResource({ uri: `basecamp://projects/${card.bucketId}/card_tables/cards` }),
      /needs the item id: basecamp:\/\/projects\/\d+\/card_tables\/cards\/\{recording_id\}/,
    );
    await assert.rejects(
      h.client.readResource({ uri: `basecamp://projects/${card.bucketId}/card_tables/widgets/1` }),
      /Unknown item type "card_tables\/widgets"/,
    );
  });
});
