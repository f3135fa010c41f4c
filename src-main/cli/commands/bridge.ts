import { UsageError, stringOption, type CliCommand } from '../command.ts';
import { readBridgeLaunch, startBridge } from '../../core/clients/bridge.ts';
import { BRIDGE_TOKEN_ENV, BRIDGE_URL_ENV, endpointUrl } from '../../core/clients/table.ts';

export const bridgeCommand: CliCommand = {
  name: 'bridge',
  summary:
    'Relay MCP over stdio to the local endpoint (what Claude Desktop runs; you rarely start it yourself).',
  usage: `bridge [--url URL]   (token in $${BRIDGE_TOKEN_ENV})`,
  options: {
    url: {
      type: 'string',
      value: 'URL',
      description: `The endpoint (default: $${BRIDGE_URL_ENV}, else ${endpointUrl(3917)}).`,
    },
  },
  async run(args, io) {
    const launch = readBridgeLaunch(io.env, stringOption(args, 'url'));
    if (!launch.ok && launch.problem === 'no_token') {
      throw new UsageError(
        `The bridge needs the client's token in $${BRIDGE_TOKEN_ENV}. Run \`basecamp-companion configure claude-desktop\` to write an entry that sets it.`,
      );
    }
    if (!launch.ok) {
      throw new UsageError(
        `--url must be the companion's local endpoint, like ${endpointUrl(3917)}; got "${launch.url}".`,
      );
    }
    const { url, token } = launch;
    const bridge = startBridge({
      url,
      token,
      input: process.stdin,
      output: io.stdout,
      errors: io.stderr,
      signal: io.signal,
    });
    await bridge.done;
    return 0;
  },
};
