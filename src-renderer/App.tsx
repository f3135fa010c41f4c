import { useRef, useState, type KeyboardEvent } from 'react';
import type { Snapshot } from '../src-shared/contract.ts';
import { AccountPanel } from './panels/Account.tsx';
import { ClientsPanel } from './panels/Clients.tsx';
import { LogsPanel } from './panels/Logs.tsx';
import { SettingsPanel } from './panels/Settings.tsx';
import { useWindowState, type WindowStore } from './store.ts';
import { CopyButton, Spinner } from './ui/controls.tsx';

const TABS = [
  { id: 'account', label: 'Account' },
  { id: 'clients', label: 'Clients' },
  { id: 'logs', label: 'Logs' },
  { id: 'settings', label: 'Settings' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** One line that says whether Basecamp is reachable for the AI tools, and why not. */
function summary(snapshot: Snapshot): { tone: 'ok' | 'idle' | 'warn' | 'error'; text: string } {
  const connected = snapshot.clients.filter((client) => client.status === 'connected').length;
  if (snapshot.server.state === 'error') return { tone: 'error', text: 'MCP server stopped' };
  switch (snapshot.auth.state) {
    case 'signing-in':
      return { tone: 'idle', text: 'Signing in…' };
    case 'needs-sign-in':
      return { tone: 'warn', text: 'Sign in again' };
    case 'error':
      return { tone: 'error', text: 'Sign-in problem' };
    case 'signed-out':
      return { tone: 'idle', text: 'Signed out' };
    case 'signed-in':
      return {
        tone: 'ok',
        text: connected ? `Serving ${connected} client${connected === 1 ? '' : 's'}` : 'Connected',
      };
  }
}

export function App({ store }: { store: WindowStore }) {
  const state = useWindowState(store);
  const [tab, setTab] = useState<TabId>('account');
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  if (state.phase === 'loading') {
    return (
      <div className="app center" aria-busy="true">
        <Spinner label="Loading" />
        <p className="muted">Connecting to Basecamp Companion…</p>
      </div>
    );
  }
  if (state.phase === 'unavailable' || !state.snapshot) {
    return (
      <div className="app center">
        <p className="hero-title">Can’t reach the companion</p>
        <p className="muted">{state.problem ?? 'The app did not answer.'}</p>
        <button type="button" className="button primary" onClick={() => void store.load()}>
          Try again
        </button>
      </div>
    );
  }

  const snapshot = state.snapshot;
  const status = summary(snapshot);
  const activeClients = snapshot.clients.filter((client) => client.status !== 'revoked').length;
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const wrapped = (next + TABS.length) % TABS.length;
    setTab(TABS[wrapped]!.id);
    tabRefs.current[wrapped]?.focus();
  };

  return (
    <div className="app">
      <header className="header">
        <div className="brand">
          <span className={`dot ${status.tone}`} aria-hidden="true" />
          <div>
            <h1>Basecamp Companion</h1>
            <p className="status" role="status">
              {status.text}
              {snapshot.app.sandbox && <span className="badge sandbox">Sandbox</span>}
            </p>
          </div>
        </div>
        {snapshot.server.url && (
          <CopyButton
            text={snapshot.server.url}
            label="Copy MCP URL"
            onFailed={() => store.notify('error', 'The clipboard is not available here.')}
          />
        )}
      </header>
      {state.connection === 'lost' && (
        <div className="banner warn slim" role="status">
          Lost touch with the app. Reconnecting…
        </div>
      )}
      <nav className="tabs" role="tablist" aria-label="Sections">
        {TABS.map((entry, index) => (
          <button
            key={entry.id}
            ref={(el) => void (tabRefs.current[index] = el)}
            type="button"
            role="tab"
            id={`tab-${entry.id}`}
            aria-selected={tab === entry.id}
            aria-controls={`panel-${entry.id}`}
            tabIndex={tab === entry.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(entry.id)}
            onKeyDown={(event) => onTabKey(event, index)}
          >
            {entry.label}
            {entry.id === 'clients' && activeClients > 0 && <span className="count">{activeClients}</span>}
          </button>
        ))}
      </nav>
      <main className="panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'account' && <AccountPanel store={store} state={state} snapshot={snapshot} />}
        {tab === 'clients' && <ClientsPanel store={store} snapshot={snapshot} />}
        {tab === 'logs' && <LogsPanel store={store} state={state} />}
        {tab === 'settings' && <SettingsPanel store={store} snapshot={snapshot} />}
      </main>
      <div className="notices" aria-live="polite">
        {state.notices.map((notice) => (
          <div
            key={notice.id}
            className={`notice ${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : 'status'}
          >
            <span>{notice.text}</span>
            <button
              type="button"
              className="notice-close"
              aria-label="Dismiss"
              onClick={() => store.dismiss(notice.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
