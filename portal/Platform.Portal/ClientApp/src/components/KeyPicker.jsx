import { useEffect, useState } from 'react';
import { knownKeys, onKeysChanged } from '../lib/keyring.js';
import { Field } from './ui.jsx';

/** Chooses the API key a page sends to the gateway: one created in this tab, or one the user pastes. */
export function KeyPicker({ projectId, value, onChange }) {
  const [known, setKnown] = useState(() => knownKeys(projectId));
  const [pasted, setPasted] = useState('');
  useEffect(() => onKeysChanged(() => setKnown(knownKeys(projectId))), [projectId]);
  useEffect(() => {
    if (!value && known.length) onChange(known[0].key);
  }, [known, value, onChange]);
  const choice = known.some((k) => k.key === value) ? value : value ? 'pasted' : '';
  return (
    <div className="key-picker">
      <Field label="API key" help="Keys are shown once: pick one created in this tab, or paste one.">
        {(p) => (
          <select {...p} value={choice} onChange={(e) => onChange(e.target.value === 'pasted' ? pasted : e.target.value)}>
            <option value="">Choose a key…</option>
            {known.map((k) => <option key={k.id} value={k.key}>{k.name} ({k.role}, {k.prefix ?? k.key.slice(0, 8)}…)</option>)}
            <option value="pasted">A key I paste</option>
          </select>
        )}
      </Field>
      {choice === 'pasted' || (!known.length) ? (
        <Field label="Paste a key">
          {(p) => (
            <input
              {...p}
              type="password"
              className="mono"
              value={pasted}
              autoComplete="off"
              onChange={(e) => { setPasted(e.target.value); onChange(e.target.value); }}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
