import { UsageError, stringOption, type CliCommand } from '../command.ts';
import { startBridge } from '../../core/clients/bridge.ts';
import { BRIDGE_TOKEN_ENV, BRIDGE_URL_ENV, endpointUrl } from '../../core/clients/table.ts';
import { registerSecret } from '../../core/log/redact.ts';

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
    const token = io.env[BRIDGE_TOKEN_ENV];
    if (!token) {
      throw new UsageError(
        `The bridge needs the client's token in $${BRIDGE_TOKEN_ENV}. Run \`basecamp-companion configure claude-desktop\` to write an entry that sets it.`,
      );
    }
    registerSecret(token);
    const url = stringOption(args, 'url') ?? io.env[BRIDGE_URL_ENV] ?? endpointUrl(3917);
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (
      !parsed ||
      parsed.protocol !== 'http:' ||
      !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)
    ) {
      throw new UsageError(
        `--url must be the companion's local endpoint, like ${endpointUrl(3917)}; got "${url}".`,
      );
    }
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
