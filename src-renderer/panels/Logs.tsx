import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { LogEntryView, LogLevelName } from '../../src-shared/contract.ts';
import type { WindowState, WindowStore } from '../store.ts';
import { copyText } from '../ui/clipboard.ts';
import { Empty } from '../ui/controls.tsx';
import { clockTime } from '../ui/format.ts';

const RANK: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function lineOf(entry: LogEntryView): string {
  const fields = entry.fields ? ' ' + JSON.stringify(entry.fields) : '';
  return `${entry.time} ${entry.level.toUpperCase().padEnd(5)} [${entry.scope}] ${entry.message}${fields}`;
}

/** `key=value` pairs read better than JSON in a narrow window. */
function fieldsText(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('  ');
}

export function LogsPanel({ store, state }: { store: WindowStore; state: WindowState }) {
  const [level, setLevel] = useState<LogLevelName>('debug');
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query.trim().toLowerCase());
  const listRef = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  const shown = useMemo(
    () =>
      state.logs.filter(
        (entry) =>
          RANK[entry.level] >= RANK[level] && (!search || lineOf(entry).toLowerCase().includes(search)),
      ),
    [state.logs, level, search],
  );

  // Follow the tail only while the reader is at the bottom.
  useEffect(() => {
    const list = listRef.current;
    if (list && pinned.current) list.scrollTop = list.scrollHeight;
  }, [shown]);

  const text = () => shown.map(lineOf).join('\n') + '\n';
  const copy = async () => {
    try {
      await copyText(text());
      store.notify(
        'success',
        shown.length === 1 ? 'Copied 1 log line.' : `Copied ${shown.length} log lines.`,
      );
    } catch {
      store.notify('error', 'The clipboard is not available here; use Export instead.');
    }
  };
  const exportFile = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `basecamp-companion-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.log`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="panel-body logs-panel">
      <div className="toolbar" role="toolbar" aria-label="Log tools">
        <input
          type="search"
          className="search"
          placeholder="Search logs"
          aria-label="Search logs"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select aria-label="Level" value={level} onChange={(e) => setLevel(e.target.value as LogLevelName)}>
          <option value="debug">All</option>
          <option value="info">Info+</option>
          <option value="warn">Warnings</option>
          <option value="error">Errors</option>
        </select>
        <button type="button" className="button small" onClick={() => void copy()} disabled={!shown.length}>
          Copy
        </button>
        <button type="button" className="button small" onClick={exportFile} disabled={!shown.length}>
          Export
        </button>
      </div>
      {state.logs.length === 0 ? (
        <Empty title="Nothing logged yet" icon="≡">
          Sign-ins, tool calls and problems appear here as they happen. Tokens are always masked.
        </Empty>
      ) : shown.length === 0 ? (
        <Empty title="No matching lines">Try another word or a lower level.</Empty>
      ) : (
        <ol
          ref={listRef}
          className="log"
          aria-label="Log"
          aria-live="polite"
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          {shown.map((entry) => (
            <li key={entry.seq} className={`log-line ${entry.level}`}>
              <time dateTime={entry.time}>{clockTime(entry.time)}</time>
              <span className="log-level">{entry.level}</span>
              <span className="log-scope">{entry.scope}</span>
              <span className="log-message">
                {entry.message}
                {entry.fields && <span className="log-fields">{fieldsText(entry.fields)}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
      <p className="footnote">
        {state.connection === 'open'
          ? `Live · ${shown.length} of ${state.logs.length} lines`
          : 'Reconnecting…'}
      </p>
    </div>
  );
}
