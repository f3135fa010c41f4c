import { useState, type FormEvent } from 'react';
import type { Snapshot } from '../../src-shared/contract.ts';
import type { WindowState, WindowStore } from '../store.ts';
import { CopyButton, Section, Spinner } from '../ui/controls.tsx';
import { dateTime, initials, isWebUrl, relativeTime } from '../ui/format.ts';

export function AccountPanel({
  store,
  state,
  snapshot,
}: {
  store: WindowStore;
  state: WindowState;
  snapshot: Snapshot;
}) {
  const { auth } = snapshot;
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    setBusy(true);
    store.clearProgress();
    const result = await store.act('auth:sign-in', {});
    setBusy(false);
    if (result?.outcome === 'signed-in') store.notify('success', result.message);
    else if (result?.outcome === 'cancelled') store.notify('info', result.message);
    // The banner above the Sign in button says why; a toast would say it a second time.
    else if (result) store.showProgress({ step: 'failed', message: result.message });
  };

  if (auth.state === 'signing-in' && auth.progress) {
    const url = auth.progress.authorizeUrl;
    const dashboard = snapshot.app.surface === 'dashboard';
    return (
      <div className="panel-body">
        <div className="card signing-in" aria-live="polite">
          <Spinner label="Signing in" />
          <div>
            <p className="card-title">Signing in to Basecamp</p>
            <p className="muted">{auth.progress.message}</p>
          </div>
        </div>
        <div className="actions center">
          {isWebUrl(url) && (
            <a
              className={dashboard ? 'button primary' : 'button'}
              href={url}
              target="_blank"
              rel="noopener noreferrer"
            >
              {dashboard ? 'Open the sign-in page' : 'Open it again'}
            </a>
          )}
          <button type="button" className="button" onClick={() => void store.act('auth:cancel-sign-in', {})}>
            Cancel
          </button>
        </div>
        {!dashboard && (
          <p className="row-hint centered">
            We opened Basecamp in your browser. Approve there, then come back.
          </p>
        )}
      </div>
    );
  }

  if (auth.state === 'signed-in' && auth.identity) {
    const selected = auth.accounts.find((account) => account.id === auth.selectedAccountId);
    return (
      <div className="panel-body">
        <div className="identity">
          <div className="avatar" aria-hidden="true">
            {initials(auth.identity.name)}
          </div>
          <div className="identity-text">
            <p className="identity-name">{auth.identity.name}</p>
            <p className="muted">{auth.identity.email}</p>
          </div>
        </div>

        <Section title={auth.accounts.length > 1 ? 'Basecamp account' : 'Account'}>
          {auth.accounts.length === 0 && (
            <p className="muted">No Basecamp 4 account is linked to this sign-in.</p>
          )}
          {auth.accounts.length === 1 && (
            <div className="row">
              <div className="row-text">
                <span className="row-title">{auth.accounts[0]!.name}</span>
                <span className="row-hint">Basecamp account #{auth.accounts[0]!.id}</span>
              </div>
            </div>
          )}
          {auth.accounts.length > 1 && (
            <fieldset className="choices">
              <legend className="sr-only">Which Basecamp account tools use by default</legend>
              {auth.accounts.map((account) => (
                <label key={account.id} className="choice">
                  <input
                    type="radio"
                    name="account"
                    checked={account.id === auth.selectedAccountId}
                    onChange={() => void store.act('auth:select-account', { accountId: account.id })}
                  />
                  <span>{account.name}</span>
                  <span className="muted small">#{account.id}</span>
                </label>
              ))}
            </fieldset>
          )}
          {selected && auth.accounts.length > 1 && (
            <p className="row-hint">Tools use {selected.name} unless told otherwise.</p>
          )}
        </Section>

        {auth.expiresAt && (
          <Section title="Session">
            <div className="row">
              <div className="row-text">
                <span className="row-title">Access renews automatically</span>
                <span className="row-hint">
                  The current token expires {relativeTime(auth.expiresAt)} ({dateTime(auth.expiresAt)}).
                </span>
              </div>
            </div>
          </Section>
        )}

        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              void store.act('auth:sign-out', {}).then((r) => r && store.notify('info', 'Signed out.'))
            }
          >
            Sign out
          </button>
        </div>
      </div>
    );
  }

  const needsAgain = auth.state === 'needs-sign-in' || auth.state === 'error';
  const canSignIn = auth.setup.appRegistered;
  return (
    <div className="panel-body">
      {needsAgain && (
        <div className="banner warn" role="alert">
          <strong>{auth.state === 'needs-sign-in' ? 'Sign in again' : 'Sign-in problem'}</strong>
          <span>{auth.problem ?? 'Basecamp stopped accepting this sign-in.'}</span>
        </div>
      )}
      {state.progress?.step === 'failed' && !needsAgain && (
        <div className="banner error" role="alert">
          <strong>Sign-in didn’t finish</strong>
          <span>{state.progress.message}</span>
        </div>
      )}
      <div className="hero">
        <div className="hero-mark" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="28" height="28">
            <path
              d="M3 14.5c2.2 3.6 5.4 5.5 9 5.5s6.8-1.9 9-5.5l-2.6-1.6c-1.6 2.7-3.9 4-6.4 4s-4.8-1.3-6.4-4z"
              fill="currentColor"
            />
            <circle cx="12" cy="8" r="3" fill="currentColor" />
          </svg>
        </div>
        <p className="hero-title">{needsAgain ? 'Reconnect Basecamp' : 'Connect your Basecamp'}</p>
        <p className="muted">
          {snapshot.app.sandbox
            ? 'You’re in the sandbox: a sample Basecamp with made-up projects. No account needed.'
            : 'Sign in once in your browser. Your AI tools then reach Basecamp through this app — they never see your password or tokens.'}
        </p>
        <button
          type="button"
          className="button primary wide"
          disabled={busy || !canSignIn}
          onClick={() => void signIn()}
        >
          {busy ? 'Starting…' : 'Sign in with Basecamp'}
        </button>
      </div>
      {!snapshot.app.sandbox && <SetupHelp store={store} snapshot={snapshot} />}
      {canSignIn && !needsAgain && (
        <ol className="how">
          <li>
            <strong>Sign in</strong> and approve access on the Basecamp page.
          </li>
          <li>
            <strong>Add Basecamp</strong> to your AI tool from the Clients tab.
          </li>
          <li>
            <strong>Ask away</strong>: “What’s due this week in Marketing?”
          </li>
        </ol>
      )}
    </div>
  );
}

function SetupHelp({ store, snapshot }: { store: WindowStore; snapshot: Snapshot }) {
  const { setup } = snapshot.auth;
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await store.act('auth:set-app-credentials', { clientId, clientSecret });
    if (ok) {
      setClientSecret('');
      store.notify('success', 'Saved. The secret is in your system keychain.');
    }
  };
  return (
    <details className="setup" open={!setup.appRegistered}>
      <summary>
        {setup.appRegistered ? 'Your Launchpad integration' : 'First time? Register the app with 37signals'}
      </summary>
      <ol className="steps">
        <li>
          Create an integration at{' '}
          <a className="text-link" href={setup.registerUrl} target="_blank" rel="noopener noreferrer">
            Launchpad
          </a>
          .
        </li>
        <li>
          Set its Redirect URI to exactly:
          <div className="code-row">
            <code>{setup.redirectUri}</code>
            <CopyButton text={setup.redirectUri} />
          </div>
        </li>
        <li>Paste its Client ID and Secret here:</li>
      </ol>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>Client ID</span>
          <input
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </label>
        <label className="field">
          <span>Client Secret</span>
          <input
            type="password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            autoComplete="off"
            required
          />
        </label>
        <button type="submit" className="button">
          Save
        </button>
        {setup.source === 'environment' && (
          <p className="row-hint">Currently read from BASECAMP_CLIENT_ID and BASECAMP_CLIENT_SECRET.</p>
        )}
      </form>
    </details>
  );
}
