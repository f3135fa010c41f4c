// Test helper: a valid window snapshot to vary per test (checked against the contract, so it stays honest).
import { snapshotSchema, type Snapshot } from '../../../src-shared/contract.ts';

export function sampleSnapshot(change: (snapshot: Snapshot) => void = () => {}): Snapshot {
  const snapshot: Snapshot = {
    rev: 1,
    app: { version: '0.1.0', sandbox: true, surface: 'tray', platform: 'linux' },
    auth: {
      state: 'signed-in',
      identity: { name: 'Ada Lovelace', email: 'ada@example.com' },
      accounts: [{ id: 99, name: 'Acme', href: 'https://3.basecampapi.com/99' }],
      selectedAccountId: 99,
      setup: {
        appRegistered: true,
        redirectUri: 'http://127.0.0.1:3918/callback',
        registerUrl: 'https://launchpad.37signals.com/integrations',
        source: 'sandbox',
      },
    },
    server: { state: 'running', url: 'http://127.0.0.1:3917/mcp', port: 3917 },
    clients: [],
    clientKinds: [],
    settings: { port: 3917, readOnly: false, disabledDomains: [], openAtLogin: false, logLevel: 'info' },
    domains: [],
    lastLogSeq: 0,
  };
  change(snapshot);
  return snapshotSchema.parse(snapshot);
}

/** A client; a connected one was last seen `lastSeenAt` (now by default). */
export function sampleClient(
  name: string,
  status: 'configured' | 'connected' | 'revoked',
  lastSeenAt: string = new Date().toISOString(),
): Snapshot['clients'][number] {
  return {
    name,
    kind: 'cursor',
    label: 'Cursor',
    calls: status === 'connected' ? 3 : 0,
    errors: 0,
    status,
    clientInfo: { name: 'cursor-vscode', version: '1.2.0' },
    ...(status === 'connected' ? { lastSeenAt } : {}),
  };
}
