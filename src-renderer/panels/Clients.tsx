import { useState, type FormEvent } from 'react';
import type { ClientKindView, ClientView, Snapshot } from '../../src-shared/contract.ts';
import type { WindowStore } from '../store.ts';
import { Empty, Section } from '../ui/controls.tsx';
import { count, relativeTime, shortPath } from '../ui/format.ts';

export function ClientsPanel({ store, snapshot }: { store: WindowStore; snapshot: Snapshot }) {
  const clients = [...snapshot.clients].sort(
    (a, b) =>
      Number(!!a.revokedAt) - Number(!!b.revokedAt) || (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? ''),
  );
  return (
    <div className="panel-body">
      <Section title="Connected clients">
        {clients.length === 0 ? (
          <Empty title="No clients yet" icon="⌁">
            Add Basecamp to one of your AI tools below. It shows up here with its calls once it connects.
          </Empty>
        ) : (
          <ul className="list" aria-label="Clients">
            {clients.map((client) => (
              <ClientRow key={client.name} client={client} store={store} />
            ))}
          </ul>
        )}
      </Section>
      <Section title="Add Basecamp to…">
        <ul className="tiles" aria-label="AI clients you can configure">
          {snapshot.clientKinds.map((kind) => (
            <KindTile key={kind.kind} kind={kind} store={store} />
          ))}
        </ul>
        <ProjectConfigure store={store} kinds={snapshot.clientKinds.filter((kind) => kind.supportsProject)} />
      </Section>
    </div>
  );
}

/** Some clients also read a per-project file (e.g. `<project>/.cursor/mcp.json`). */
function ProjectConfigure({ store, kinds }: { store: WindowStore; kinds: ClientKindView[] }) {
  const [kind, setKind] = useState(kinds[0]?.kind);
  const [project, setProject] = useState('');
  if (!kinds.length || !kind) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await store.act('clients:configure', { kind, project: project.trim() });
    if (result) {
      store.notify('success', [result.message, result.restartHint].filter(Boolean).join(' '));
      setProject('');
    }
  };
  return (
    <details className="setup">
      <summary>Add to one project instead</summary>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span aria-hidden="true">Client</span>
          <select
            aria-label="Client"
            value={kind}
            onChange={(e) => setKind(e.target.value as ClientKindView['kind'])}
          >
            {kinds.map((entry) => (
              <option key={entry.kind} value={entry.kind}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Project folder</span>
          <input
            value={project}
            onChange={(e) => setProject(e.target.value)}
            placeholder="/home/you/code/app"
            spellCheck={false}
            required
          />
        </label>
        <button type="submit" className="button">
          Add to project
        </button>
      </form>
    </details>
  );
}

function ClientRow({ client, store }: { client: ClientView; store: WindowStore }) {
  const [confirming, setConfirming] = useState(false);
  const info = client.clientInfo
    ? `${client.clientInfo.name}${client.clientInfo.version ? ' ' + client.clientInfo.version : ''}`
    : undefined;
  return (
    <li className={`client ${client.status}`} aria-label={client.label}>
      <span
        className={`dot ${client.status === 'connected' ? 'ok' : client.status === 'revoked' ? 'off' : 'idle'}`}
        aria-hidden="true"
      />
      <div className="client-main">
        <div className="client-head">
          <span className="row-title">{client.label}</span>
          {client.status === 'revoked' && <span className="badge">Revoked</span>}
        </div>
        <p className="row-hint">
          {info ? `${info} · ` : ''}
          {client.lastSeenAt ? `seen ${relativeTime(client.lastSeenAt)}` : 'not seen yet'}
        </p>
        <p className="stats">
          <span data-testid="calls">{count(client.calls, 'call')}</span>
          <span className={client.errors ? 'has-errors' : undefined}>{count(client.errors, 'error')}</span>
          {client.configPath && (
            <span className="path" title={client.configPath}>
              {shortPath(client.configPath)}
            </span>
          )}
        </p>
      </div>
      {client.status !== 'revoked' && (
        <div className="client-actions">
          {confirming ? (
            <>
              <button
                type="button"
                className="button small danger"
                onClick={() =>
                  void store
                    .act('clients:revoke', { name: client.name })
                    .then((r) => r && store.notify('info', `${client.label} can no longer reach Basecamp.`))
                }
              >
                Revoke access
              </button>
              <button type="button" className="button small ghost" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button small"
              aria-label={`Revoke ${client.label}`}
              onClick={() => setConfirming(true)}
            >
              Revoke
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function KindTile({ kind, store }: { kind: ClientKindView; store: WindowStore }) {
  const [busy, setBusy] = useState(false);
  // Removing edits the client's config file: ask once more, like Revoke.
  const [confirming, setConfirming] = useState(false);
  const configure = async () => {
    setBusy(true);
    const result = await store.act('clients:configure', { kind: kind.kind });
    setBusy(false);
    if (result) store.notify('success', [result.message, result.restartHint].filter(Boolean).join(' '));
  };
  const remove = async () => {
    setConfirming(false);
    const result = await store.act('clients:remove', { kind: kind.kind });
    if (result) store.notify('info', result.message);
  };
  return (
    <li className={`tile ${kind.configured ? 'configured' : ''}`}>
      <button
        type="button"
        className="tile-button"
        disabled={busy}
        onClick={() => void configure()}
        aria-label={`Configure ${kind.label}`}
      >
        <span className="tile-label">{kind.label}</span>
        <span className="tile-state">
          {busy ? 'Writing…' : kind.configured ? '✓ Configured' : kind.installed ? 'Detected' : 'Set up'}
        </span>
      </button>
      {kind.configured && !confirming && (
        <button
          type="button"
          className="tile-remove"
          onClick={() => setConfirming(true)}
          aria-label={`Remove Basecamp from ${kind.label}`}
          title="Remove"
        >
          ×
        </button>
      )}
      {kind.configured && confirming && (
        <div className="tile-confirm" role="group" aria-label={`Remove Basecamp from ${kind.label}?`}>
          <button type="button" className="button small danger" onClick={() => void remove()}>
            Remove
          </button>
          <button type="button" className="button small ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      )}
    </li>
  );
}
