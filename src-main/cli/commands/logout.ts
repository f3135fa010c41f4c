import { flag, type CliCommand } from '../command.ts';
import { openAuthContext } from './auth-context.ts';

export const logoutCommand: CliCommand = {
  name: 'logout',
  summary:
    'Sign out of Basecamp: delete the tokens from the system keychain and the account details from settings.',
  usage: 'logout [--forget-client]',
  options: {
    'forget-client': {
      type: 'boolean',
      description: 'Also forget the OAuth client ID and secret you registered.',
    },
  },
  async run(args, io) {
    const { auth } = await openAuthContext(io);
    const before = auth.status();
    const forgetClient = flag(args, 'forget-client');
    await auth.logout({ forgetClient });
    io.stdout.write(
      before.identity
        ? `Signed out ${before.identity.name} <${before.identity.email}>: removed the Basecamp tokens from ${before.keychain} and the account details from settings.\n`
        : `You were not signed in; made sure no Basecamp tokens are left in ${before.keychain}.\n`,
    );
    if (forgetClient) io.stdout.write('Also forgot the OAuth client ID and secret.\n');
    return 0;
  },
};
