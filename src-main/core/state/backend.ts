import type {
  ClientKind,
  ConfigureResult,
  SettingsPatch,
  SettingsView,
  SignInProgress,
  SnapshotBody,
} from '../../../src-shared/contract.ts';
import type { LogEntry } from '../../../src-shared/state.ts';

/**
 * What the window's handlers need from the core. `src-main/core/app.ts` implements it over the real
 * modules (auth, clients, mcp, settings, log ring); tests may implement it in memory.
 * Nothing here returns a secret: status() is checked against the contract before it leaves.
 */
export interface CompanionBackend {
  /** Everything the window shows, read fresh (without `rev` and without the sign-in progress, which the store adds). */
  status(): SnapshotBody;
  /** Call the listener whenever anything in status() may have changed (cheap; the store coalesces). */
  onChange(listener: () => void): () => void;

  /**
   * Run the Launchpad sign-in: open the browser (main's opener), wait for the callback, store the tokens.
   * Report each step through onProgress (include `authorizeUrl` once it is known). Resolve when signed in;
   * reject with a sentence saying what to do; stop and reject when `signal` aborts (cancel).
   */
  signIn(
    onProgress: (progress: SignInProgress) => void,
    signal: AbortSignal,
    options: { accountId?: number },
  ): Promise<void>;
  signOut(): Promise<void>;
  selectAccount(accountId: number): Promise<void>;
  /** First-time setup: keep the client ID in settings and the secret in the keychain. */
  setAppCredentials(credentials: { clientId: string; clientSecret: string }): Promise<void>;

  revokeClient(name: string): Promise<void>;
  /** Write (or merge) our `basecamp` entry with a fresh client token into the client's config. */
  configureClient(kind: ClientKind, options: { project?: string }): Promise<ConfigureResult>;
  removeClient(
    kind: ClientKind,
    options: { project?: string },
  ): Promise<{ removed: boolean; message: string }>;

  /** Log entries after `sinceSeq`, oldest first, at most `limit` (already redacted). */
  logs(sinceSeq: number, limit: number): LogEntry[];
  onLog(listener: (entry: LogEntry) => void): () => void;

  getSettings(): SettingsView;
  updateSettings(patch: SettingsPatch): Promise<SettingsView>;

  /** The MCP URL and a note for pasting it into a client by hand (no token). */
  connectionInfo(): { url: string; note: string };
}
