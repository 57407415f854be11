import { useEffect, useId, useRef, useState, useCallback } from 'react';
import { navigate } from '../lib/router.js';

export function Link({ to, children, className, ...rest }) {
  return (
    <a
      href={to}
      className={className}
      {...rest}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** A labelled control with help text and its error next to it, tied together for screen readers. */
export function Field({ label, help, error, children, id: givenId }) {
  const auto = useId();
  const id = givenId ?? auto;
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {help && <p className="help" id={helpId}>{help}</p>}
      {error && <p className="field-error" id={errorId} role="alert">{error}</p>}
    </div>
  );
}

export function ErrorNotice({ error, title = 'Something went wrong', onRetry }) {
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p><strong>{title}.</strong> {error.message}</p>
      {error.code && <p className="muted">Code: <code>{error.code}</code></p>}
      {onRetry && <button type="button" className="button secondary" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function Empty({ title, children }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }) {
  return <p className="loading" role="status"><span className="spinner" aria-hidden="true" />{label}</p>;
}

export function CopyButton({ text, label = 'Copy' }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="button small secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Clipboard refused (plain HTTP origin, permissions): select-and-copy still works on the shown text.
        }
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      <span aria-live="polite">{done ? 'Copied' : label}</span>
    </button>
  );
}

export function Secret({ label, value }) {
  return (
    <div className="secret">
      <span className="secret-label">{label}</span>
      <code className="secret-value" data-testid={`secret-${label}`}>{value}</code>
      <CopyButton text={value} label={`Copy ${label}`} />
    </div>
  );
}

/** Loads data on mount and when deps change; exposes reload for retry buttons and after writes. */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    fn().then(
      (data) => n === seq.current && setState({ loading: false, data, error: null }),
      (error) => n === seq.current && setState({ loading: false, data: null, error }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => { run(); }, [run]);
  return { ...state, reload: run };
}

export function PageTitle({ children, actions }) {
  useEffect(() => {
    document.title = `${typeof children === 'string' ? children : 'Portal'} · Platform`;
  }, [children]);
  return (
    <div className="page-title">
      <h1 tabIndex={-1} id="page-heading">{children}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export function Table({ caption, columns, rows, rowKey }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey ? rowKey(r) : i}>
              {columns.map((c) => <td key={c.key} data-label={c.label}>{c.render ? c.render(r) : r[c.key]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
