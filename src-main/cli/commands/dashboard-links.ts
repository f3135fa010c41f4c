import type { Logger } from '../../core/log/logger.ts';

/**
 * Each Enter in the terminal where serve runs prints a fresh one-time dashboard link, so a closed tab or a
 * second browser does not mean restarting serve (and losing the sandbox's state). Sessions already open are
 * untouched. Input is only scanned for a newline, never kept: a huge line or binary data costs no memory, and
 * a pasted flood of lines asks for one link per read, not thousands. Returns a function that stops listening.
 */
export function printLinkOnEnter(
  input: NodeJS.ReadableStream,
  newLink: () => string,
  output: NodeJS.WritableStream,
  logger: Logger,
): () => void {
  const onData = (chunk: Buffer | string): void => {
    if (!chunk.includes('\n')) return;
    output.write(`New dashboard link (one-time; open it once):\n${newLink()}\n`);
    // The link carries a registered secret; the log only says that one was printed.
    logger.info('A new dashboard link was printed');
  };
  // A closed or broken stdin (a service, `< /dev/null`) just means no new links from here.
  const stop = (): void => {
    input.off('data', onData);
    input.off('error', stop);
    input.off('end', stop);
    input.pause();
  };
  input.on('data', onData);
  input.on('error', stop);
  input.on('end', stop);
  return stop;
}
