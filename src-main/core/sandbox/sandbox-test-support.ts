// A started sandbox and a signed-in JSON caller for sandbox tests: one per describe block, closed after it.
import { after, before } from 'node:test';
import { startSandbox, type Sandbox } from './server.ts';

export const TEST_USER_AGENT = 'Sandbox tests (tests@example.com)';

export interface SandboxAnswer {
  status: number;
  json: unknown;
  text: string;
  headers: Headers;
}

export interface SandboxForTests {
  /** Set once the block's first test runs. */
  readonly sandbox: Sandbox;
  /** A request to the first account's API with a valid token; `json` is sent as the body. */
  call(method: string, path: string, json?: unknown): Promise<SandboxAnswer>;
}

export function sandboxForTests(options: Parameters<typeof startSandbox>[0] = {}): SandboxForTests {
  let sandbox: Sandbox | undefined;
  let token = '';
  before(async () => {
    sandbox = await startSandbox(options);
    token = (await sandbox.issueTokens()).access_token;
  });
  after(() => sandbox?.close());
  const started = (): Sandbox => {
    if (!sandbox) throw new Error('the sandbox starts in before(): call it from a test');
    return sandbox;
  };
  return {
    get sandbox() {
      return started();
    },
    async call(method, path, json) {
      const url = path.startsWith('http') ? path : `${started().accounts[0]!.href}${path}`;
      const response = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          'User-Agent': TEST_USER_AGENT,
          ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await response.text();
      return {
        status: response.status,
        json: text ? (JSON.parse(text) as unknown) : null,
        text,
        headers: response.headers,
      };
    },
  };
}
