import readline from 'node:readline';
import type { Logger } from '../../core/log/logger.ts';

/**
 * Each line on input (Enter in the terminal where serve runs) prints a fresh one-time dashboard link, so a
 * closed tab or a second browser does not mean restarting serve (and losing the sandbox's state).
 * Sessions already open are untouched. Returns a function that stops listening.
 */
export function printLinkOnEnter(
  input: NodeJS.ReadableStream,
  newLink: () => string,
  output: NodeJS.WritableStream,
  logger: Logger,
): () => void {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  lines.on('line', () => {
    output.write(`New dashboard link (one-time; open it once):\n${newLink()}\n`);
    // The link carries a registered secret; the log only says that one was printed.
    logger.info('A new dashboard link was printed');
  });
  // A closed or broken stdin (a service, `< /dev/null`) just means no new links from here.
  const ignore = (): void => lines.close();
  input.on('error', ignore);
  return () => {
    input.off('error', ignore);
    lines.close();
  };
}
