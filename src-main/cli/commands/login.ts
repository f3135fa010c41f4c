import readline from 'node:readline/promises';
import { UsageError, flag, stringOption, type CliCommand, type CliIo } from '../command.ts';
import type { Auth } from '../../core/auth/auth.ts';
import { AuthError } from '../../core/auth/errors.ts';
import type { AccountRecord } from '../../core/settings/schema.ts';
import { openAuthContext } from './auth-context.ts';

function accountIdOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(
      `--account takes a Basecamp account ID (the number in https://3.basecamp.com/ID); got "${value}".`,
    );
  return Number(value);
}

const describeAccount = (account: AccountRecord): string => `${account.name} (${account.id})`;

/** Several accounts and a person at the keyboard: ask. Otherwise say how to choose later. */
async function chooseAccount(auth: Auth, accounts: AccountRecord[], io: CliIo): Promise<void> {
  io.stdout.write(`You have ${accounts.length} Basecamp accounts:\n`);
  accounts.forEach((account, index) => io.stdout.write(`  ${index + 1}. ${describeAccount(account)}\n`));
  if (!process.stdin.isTTY || io.stdout !== process.stdout) {
    io.stdout.write('Choose one with: basecamp-companion login --account ID\n');
    return;
  }
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(`Which one should AI tools use? [1-${accounts.length}] `, {
      signal: io.signal,
    });
    const picked = accounts[Number(answer.trim()) - 1];
    if (!picked) {
      io.stdout.write('No account chosen. Choose one later with: basecamp-companion login --account ID\n');
      return;
    }
    auth.selectAccount(picked.id);
    io.stdout.write(`Using ${describeAccount(picked)}.\n`);
  } catch {
    io.stdout.write('\nNo account chosen. Choose one later with: basecamp-companion login --account ID\n');
  } finally {
    prompt.close();
  }
}

export const loginCommand: CliCommand = {
  name: 'login',
  summary: 'Sign in to Basecamp in your browser (tokens go to the system keychain), or switch account.',
  usage: 'login [--no-browser] [--account ID]',
  options: {
    'no-browser': { type: 'boolean', description: 'Print the sign-in link instead of opening the browser.' },
    account: {
      type: 'string',
      value: 'ID',
      description: 'The Basecamp account to use when you have several (switches without signing in again).',
    },
  },
  async run(args, io) {
    const accountId = accountIdOption(stringOption(args, 'account'));
    const noBrowser = flag(args, 'no-browser');
    const { auth } = await openAuthContext(io);
    const before = auth.status();

    // Already signed in and only switching account: no browser needed.
    if (
      accountId !== undefined &&
      before.state === 'signed-in' &&
      before.accounts.some((account) => account.id === accountId)
    ) {
      const account = auth.selectAccount(accountId);
      io.stdout.write(`Now using ${describeAccount(account)}, signed in as ${before.identity?.name}.\n`);
      return 0;
    }
    if (before.problem) throw new AuthError('bad_redirect_uri', before.problem);

    try {
      const result = await auth.login({
        noBrowser,
        signal: io.signal,
        ...(accountId !== undefined ? { accountId } : {}),
        onUrl: (url) => {
          io.stdout.write(
            noBrowser
              ? 'Open this link in your browser to sign in to Basecamp:\n\n'
              : 'Opening your browser to sign in to Basecamp. If it does not open, visit:\n\n',
          );
          io.stdout.write(`${url}\n\n`);
          io.stdout.write(
            `Waiting for Launchpad to send you back to ${before.redirectUri} (press Ctrl-C to cancel)…\n`,
          );
        },
      });
      io.stdout.write(`Signed in as ${result.identity.name} <${result.identity.email}>.\n`);
      if (result.selectedAccount) {
        io.stdout.write(
          `Basecamp account: ${describeAccount(result.selectedAccount)} ${result.selectedAccount.appHref ?? result.selectedAccount.href}\n`,
        );
      } else {
        await chooseAccount(auth, result.accounts, io);
      }
      io.stdout.write(`Tokens are kept in ${before.keychain}; they are renewed automatically.\n`);
      return 0;
    } catch (error) {
      if (error instanceof AuthError && error.code === 'cancelled') {
        io.stderr.write(
          `Sign-in cancelled; nothing was stored.\nIf Launchpad showed an error page instead of asking you to allow access: your integration at https://launchpad.37signals.com/integrations must have exactly ${before.redirectUri} as its redirect URI${before.clientId ? ` (client ID ${before.clientId})` : ''}, or set BASECAMP_REDIRECT_URI to the one it has.\n`,
        );
        return 1;
      }
      throw error;
    }
  },
};
