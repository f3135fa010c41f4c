import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticesBetween } from './notices.ts';
import { sampleClient, sampleSnapshot } from './testing.ts';

test('a sign-in that stops working asks the user to sign in again, once', () => {
  const seen = new Set<string>();
  const before = sampleSnapshot();
  const after = sampleSnapshot((s) => {
    s.auth.state = 'needs-sign-in';
    s.auth.problem = 'Basecamp refused the saved sign-in. Sign in again.';
  });
  const notices = noticesBetween(before, after, seen);
  assert.deepEqual(
    notices.map((n) => n.kind),
    ['sign-in-needed'],
  );
  assert.equal(notices[0]?.body, 'Basecamp refused the saved sign-in. Sign in again.');
  assert.deepEqual(noticesBetween(after, after, seen), [], 'not repeated while it stays that way');
});

test('a client connecting for the first time is announced; again later, or at start-up, it is not', () => {
  const seen = new Set<string>();
  const atStart = sampleSnapshot((s) => void s.clients.push(sampleClient('claude-code', 'connected')));
  assert.deepEqual(noticesBetween(undefined, atStart, seen), [], 'already connected at start-up');

  const cursor = sampleSnapshot((s) => {
    s.clients.push(sampleClient('claude-code', 'connected'), sampleClient('cursor', 'connected'));
  });
  const notices = noticesBetween(atStart, cursor, seen);
  assert.equal(notices.length, 1);
  assert.equal(notices[0]?.title, 'Cursor connected');
  assert.match(notices[0]?.body ?? '', /cursor-vscode 1\.2\.0/);

  const idle = sampleSnapshot((s) => void s.clients.push(sampleClient('cursor', 'configured')));
  assert.deepEqual(noticesBetween(cursor, idle, seen), []);
  assert.deepEqual(noticesBetween(idle, cursor, seen), [], 'reconnecting in the same run is not news');
});

test('configured clients that never call, and signed-out states, say nothing', () => {
  const seen = new Set<string>();
  const before = sampleSnapshot((s) => void (s.auth.state = 'signed-out'));
  const after = sampleSnapshot((s) => {
    s.auth.state = 'signed-out';
    s.clients.push(sampleClient('cursor', 'configured'));
  });
  assert.deepEqual(noticesBetween(before, after, seen), []);
});
