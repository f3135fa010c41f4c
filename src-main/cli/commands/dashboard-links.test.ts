import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { silentLogger } from '../../core/log/logger.ts';
import { printLinkOnEnter } from './dashboard-links.ts';

function listening() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let minted = 0;
  const stop = printLinkOnEnter(input, () => `http://127.0.0.1:1/?token=t${++minted}`, output, silentLogger);
  const lines = () => printed.split('\n').filter((line) => line.startsWith('http://')).length;
  return { input, stop, lines, minted: () => minted };
}

const drained = (input: PassThrough) =>
  new Promise<void>((resolve) => setImmediate(resolve)).then(() => input);

test('each Enter prints one new link', async () => {
  const { input, stop, lines } = listening();
  try {
    input.write('\n');
    await drained(input);
    input.write('\r\n');
    await drained(input);
    assert.equal(lines(), 2);
  } finally {
    stop();
  }
});

test('a pasted flood of lines prints one link per read, not one per line', async () => {
  const { input, stop, lines, minted } = listening();
  try {
    input.write('\n'.repeat(10_000));
    await drained(input);
    assert.equal(lines(), 1);
    assert.equal(minted(), 1);
  } finally {
    stop();
  }
});

test('binary data without a newline prints nothing and is not kept', async () => {
  const { input, stop, lines } = listening();
  try {
    input.write(Buffer.alloc(1024 * 1024, 0xff));
    await drained(input);
    assert.equal(lines(), 0);
    input.end();
    await drained(input);
    assert.equal(lines(), 0, 'stdin closing prints no link');
  } finally {
    stop();
  }
});
