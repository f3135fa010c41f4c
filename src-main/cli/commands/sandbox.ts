// `basecamp-companion sandbox`: run only the embedded sandbox Basecamp (Launchpad + API), to poke at
// it with curl or point another tool at it. Stops on Ctrl-C / SIGTERM.
import { startSandbox } from '../../core/sandbox/server.ts';
import { CONTROL_HEADER } from '../../core/sandbox/control.ts';
import { UsageError, portOption, stringOption, type CliCommand } from '../command.ts';

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run the sandbox Basecamp (Launchpad and the API, with demo data) on 127.0.0.1 until stopped.',
  usage: 'sandbox [--port N] [--accounts 1|2] [--redirect-uri URI] [--control-token TOKEN]',
  options: {
    port: { type: 'string', value: 'N', description: 'Port to listen on (default 0: a free one).' },
    accounts: {
      type: 'string',
      value: '1|2',
      description: 'How many Basecamp accounts the sign-in offers (default 1).',
    },
    'redirect-uri': {
      type: 'string',
      value: 'URI',
      description: 'Redirect URI registered for the sandbox client (default http://127.0.0.1:3918/callback).',
    },
    'control-token': {
      type: 'string',
      value: 'TOKEN',
      description: `Enable the test control API under /__sandbox (send the token in ${CONTROL_HEADER}).`,
    },
  },
  async run(args, io) {
    const accounts = stringOption(args, 'accounts') ?? '1';
    if (accounts !== '1' && accounts !== '2')
      throw new UsageError(`--accounts must be 1 or 2; got "${accounts}".`);
    const redirectUri = stringOption(args, 'redirect-uri');
    const controlToken = stringOption(args, 'control-token') ?? io.env.BASECAMP_SANDBOX_CONTROL_TOKEN;
    const port = portOption(args);
    const sandbox = await startSandbox({
      bc3Accounts: accounts === '2' ? 2 : 1,
      ...(port === undefined ? {} : { port }),
      ...(redirectUri ? { redirectUri } : {}),
      ...(controlToken ? { controlToken } : {}),
    });
    try {
      const { clientId, clientSecret, redirectUri: registered } = sandbox.oauthClient;
      const tokens = await sandbox.issueTokens();
      const out = (line = '') => io.stdout.write(`${line}\n`);
      out(`Sandbox Basecamp is running at ${sandbox.url}`);
      out(`Launchpad:      ${sandbox.launchpadUrl}/authorization/new`);
      for (const account of sandbox.accounts) out(`API account:    ${account.href}  (${account.name})`);
      out();
      out(`OAuth client:   client_id=${clientId} client_secret=${clientSecret}`);
      out(`Redirect URI:   ${registered}`);
      out(`Access token (valid ${Math.round(tokens.expires_in / 86400)} days, for curl):`);
      out(`  ${tokens.access_token}`);
      out();
      out(
        `Try: curl -H 'Authorization: Bearer ${tokens.access_token}' -H 'User-Agent: me (me@example.com)' ${sandbox.accounts[0]!.href}/projects.json`,
      );
      if (controlToken)
        out(
          `Control API:    ${sandbox.url}/__sandbox/{faults,counters,launchpad} (header ${CONTROL_HEADER})`,
        );
      out('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        if (io.signal.aborted) resolve();
        else io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      io.stderr.write('Stopping…\n');
      return 0;
    } finally {
      await sandbox.close();
    }
  },
};
