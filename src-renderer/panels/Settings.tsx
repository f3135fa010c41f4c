import { useEffect, useState, type FormEvent } from 'react';
import type { DomainView, LogLevelName, SettingsPatch, Snapshot } from '../../src-shared/contract.ts';
import type { WindowStore } from '../store.ts';
import { CopyButton, Section, Switch } from '../ui/controls.tsx';
import { count } from '../ui/format.ts';

export function SettingsPanel({ store, snapshot }: { store: WindowStore; snapshot: Snapshot }) {
  const { settings } = snapshot;
  const [port, setPort] = useState(String(settings.port));
  useEffect(() => setPort(String(settings.port)), [settings.port]);
  const update = async (patch: SettingsPatch, done?: string) => {
    const result = await store.act('settings:update', patch);
    if (result && done) store.notify('success', done);
  };
  const portNumber = Number(port);
  const portValid = /^\d+$/.test(port) && portNumber >= 1024 && portNumber <= 65535;
  // The server keeps the port it started on; a saved change waits for the next start.
  const runningPort = snapshot.server.state === 'running' ? snapshot.server.port : undefined;
  const portHint = !portValid
    ? port === ''
      ? 'Enter a port: a number from 1024 to 65535.'
      : 'Use a number from 1024 to 65535.'
    : runningPort !== undefined && runningPort !== portNumber
      ? `This run uses port ${runningPort}; the saved port applies after restart.`
      : 'Stays the same across restarts.';
  const savePort = (event: FormEvent) => {
    event.preventDefault();
    if (portValid && portNumber !== settings.port)
      void update(
        { port: portNumber },
        `Port ${portNumber} saved. It takes effect when Basecamp Companion restarts; then run basecamp-companion configure all in a terminal so your clients use the new port.`,
      );
  };
  const enabled = (id: string) => !settings.disabledDomains.includes(id);
  const toggleDomain = (domain: DomainView) => {
    const turningOff = enabled(domain.id);
    void update(
      {
        disabledDomains: turningOff
          ? [...settings.disabledDomains, domain.id]
          : settings.disabledDomains.filter((d) => d !== domain.id),
      },
      turningOff
        ? `${domain.title} is off: AI tools no longer see its actions.`
        : `${domain.title} is on: AI tools can use its actions again.`,
    );
  };

  return (
    <div className="panel-body">
      <Section title="MCP server">
        <div className="row">
          <div className="row-text">
            <span className="row-title">Address</span>
            <span className="row-hint mono">
              {snapshot.server.url ?? (snapshot.server.state === 'starting' ? 'Starting…' : 'Not running')}
            </span>
          </div>
          {snapshot.server.url && <CopyButton text={snapshot.server.url} label="Copy URL" />}
        </div>
        {snapshot.server.problem && (
          <div className="banner error" role="alert">
            {snapshot.server.problem}
          </div>
        )}
        <form className="row" onSubmit={savePort}>
          <div className="row-text">
            <label className="row-title" htmlFor="port">
              Port
            </label>
            <span id="port-hint" className={`row-hint${portValid ? '' : ' invalid'}`}>
              {portHint}
            </span>
          </div>
          <div className="inline">
            <input
              id="port"
              className="port"
              inputMode="numeric"
              value={port}
              aria-invalid={!portValid}
              aria-describedby="port-hint"
              onChange={(e) => setPort(e.target.value.trim())}
            />
            <button
              type="submit"
              className="button small"
              disabled={!portValid || portNumber === settings.port}
            >
              Save
            </button>
          </div>
        </form>
        <Switch
          label="Read-only"
          hint="Tools can read Basecamp but not change anything."
          checked={settings.readOnly}
          onChange={(readOnly) =>
            void update(
              { readOnly },
              readOnly
                ? 'Read-only: tools that change Basecamp are off.'
                : 'Tools can change Basecamp again.',
            )
          }
        />
      </Section>

      <Section title="Tool groups">
        {snapshot.domains.length === 0 ? (
          <p className="muted">The tool groups appear once the server is running.</p>
        ) : (
          <ul className="checks">
            {snapshot.domains.map((domain) => (
              <li key={domain.id}>
                <label className="check">
                  <input type="checkbox" checked={enabled(domain.id)} onChange={() => toggleDomain(domain)} />
                  <span>{domain.title}</span>
                  <span className="muted small">{count(domain.toolCount, 'action')}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="App">
        <Switch
          label="Open at login"
          hint={
            snapshot.app.surface === 'dashboard'
              ? 'Applies to the tray app.'
              : 'Start quietly in the tray when you log in.'
          }
          checked={settings.openAtLogin}
          onChange={(openAtLogin) => void update({ openAtLogin })}
        />
        <div className="row">
          <label className="row-text" htmlFor="log-level">
            <span className="row-title">Log detail</span>
            <span className="row-hint">Debug shows every request (still without secrets).</span>
          </label>
          <select
            id="log-level"
            value={settings.logLevel}
            onChange={(e) => void update({ logLevel: e.target.value as LogLevelName })}
          >
            <option value="debug">Debug</option>
            <option value="info">Info</option>
            <option value="warn">Warnings</option>
            <option value="error">Errors</option>
          </select>
        </div>
      </Section>
      <p className="footnote">
        Basecamp Companion {snapshot.app.version}
        {snapshot.app.sandbox ? ' · sandbox' : ''}
      </p>
    </div>
  );
}
