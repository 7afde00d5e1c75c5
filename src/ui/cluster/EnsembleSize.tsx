/**
 * Change the number of voters (1–9) and observers (0–4): a new ensemble with the same seed and
 * settings. It opens the lab's own URL with the new numbers (DESIGN.md §4), so the old
 * ensemble's page — and with it every one of its Web Workers — is gone, and the new one is a
 * shareable link like any other.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../../store/index.ts';
import { t } from '../strings.ts';

const VOTERS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const OBSERVERS = [0, 1, 2, 3, 4];

/** The URL of the same lab with other numbers of voters and observers, keeping every other setting. */
export function ensembleUrl(search: string, voters: number, observers: number, seed: string): string {
  const q = new URLSearchParams(search);
  q.set('voters', String(voters));
  q.set('observers', String(observers));
  q.set('seed', seed);
  // `boot=…` names servers of the old ensemble: keep only the ones that still exist.
  const boot = q.get('boot');
  if (boot !== null) {
    const kept = boot.split(',').filter((s) => Number(s) >= 1 && Number(s) <= voters + observers);
    if (kept.length > 0) q.set('boot', kept.join(','));
    else q.delete('boot');
  }
  return `?${q.toString()}`;
}

export function EnsembleSize() {
  const e = useLabStore(useShallow((s) => ({ voters: s.ensemble.voters.length, observers: s.ensemble.observers.length, seed: s.ensemble.seed })));
  const [voters, setVoters] = useState<number | null>(null);
  const [observers, setObservers] = useState<number | null>(null);
  const v = voters ?? e.voters;
  const o = observers ?? e.observers;
  const changed = v !== e.voters || o !== e.observers;
  return (
    <form
      className="ensemble-size"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (changed) window.location.assign(ensembleUrl(window.location.search, v, o, e.seed));
      }}
    >
      <label>
        {t.votersLabel}
        <select value={v} onChange={(ev) => setVoters(Number(ev.target.value))}>
          {VOTERS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.observersLabel}
        <select value={o} onChange={(ev) => setObservers(Number(ev.target.value))}>
          {OBSERVERS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-small" disabled={!changed} title={t.newEnsembleTitle}>
        {t.newEnsemble}
      </button>
    </form>
  );
}
