import { useId, useState, type ReactNode } from 'react';
import { copyText } from './clipboard.ts';

export function Switch(props: {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (next: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="row switch-row">
      <div className="row-text">
        <span id={`${id}-label`} className="row-title">
          {props.label}
        </span>
        {props.hint && (
          <span id={`${id}-hint`} className="row-hint">
            {props.hint}
          </span>
        )}
      </div>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={props.checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        disabled={props.disabled}
        onClick={() => props.onChange(!props.checked)}
      >
        <span className="switch-thumb" />
      </button>
    </div>
  );
}

export function CopyButton(props: {
  text: string;
  label?: string;
  onCopied?: () => void;
  onFailed?: () => void;
}) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  return (
    <button
      type="button"
      className="button small"
      onClick={async () => {
        try {
          await copyText(props.text);
          setCopied('yes');
          props.onCopied?.();
        } catch {
          setCopied('failed');
          props.onFailed?.();
        }
        setTimeout(() => setCopied('no'), 1600);
      }}
    >
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Couldn’t copy' : (props.label ?? 'Copy')}
    </button>
  );
}

export function Empty(props: { title: string; children?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="empty">
      {props.icon && (
        <div className="empty-icon" aria-hidden="true">
          {props.icon}
        </div>
      )}
      <p className="empty-title">{props.title}</p>
      {props.children && <div className="empty-text">{props.children}</div>}
    </div>
  );
}

export function Spinner(props: { label?: string }) {
  return <span className="spinner" role="status" aria-label={props.label ?? 'Working'} />;
}

export function Section(props: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{props.title}</h2>
        {props.action}
      </div>
      {props.children}
    </section>
  );
}
