import {
  channels,
  describeIssues,
  isChannelName,
  type CallContext,
  type ChannelName,
  type ContractHandlers,
  type Envelope,
  type ErrorCode,
} from '../../../src-shared/contract.ts';
import { redactText } from '../log/redact.ts';
import type { Logger } from '../log/logger.ts';

/** An error whose message is meant for the user (it says what to do). Anything else is reported generically. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode = 'failed') {
    super(message);
    this.code = code;
  }
}

/**
 * The one door into the handler table, shared by the Electron IPC and the dashboard's HTTP API:
 * validates the channel and the request, runs the handler, validates the response (so nothing the
 * contract does not allow — a token, say — can leave), and turns every failure into an envelope.
 */
export async function dispatch(
  handlers: ContractHandlers,
  channel: string,
  rawRequest: unknown,
  context: CallContext,
  logger?: Logger,
): Promise<Envelope<unknown>> {
  if (!isChannelName(channel)) {
    return {
      ok: false,
      error: {
        code: 'unknown-channel',
        message: `There is no "${channel.slice(0, 80)}" in this version of the app.`,
      },
    };
  }
  const parsed = channels[channel].request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `That request was not valid: ${describeIssues(parsed.error)}`,
      },
    };
  }
  let value: unknown;
  try {
    const handler = handlers[channel] as (request: unknown, context: CallContext) => Promise<unknown>;
    value = await handler(parsed.data, context);
  } catch (error) {
    return { ok: false, error: describeFailure(channel, error, logger) };
  }
  const checked = channels[channel].response.safeParse(value);
  if (!checked.success) {
    logger?.error(`The ${channel} handler answered outside the contract`, {
      issues: describeIssues(checked.error),
    });
    return {
      ok: false,
      error: {
        code: 'failed',
        message: 'The app produced an answer it should not have. The details are in the log.',
      },
    };
  }
  return { ok: true, value: checked.data };
}

function describeFailure(
  channel: ChannelName,
  error: unknown,
  logger?: Logger,
): { code: ErrorCode; message: string } {
  if (error instanceof UserFacingError) return { code: error.code, message: redactText(error.message) };
  const message = error instanceof Error ? error.message : String(error);
  // Errors from the core modules are written for people already; keep them, redacted, without stacks.
  logger?.warn(`${channel} failed`, { error: message });
  return { code: 'failed', message: redactText(message) || `${channel} failed.` };
}
