/**
 * The size pickers of the lab's protocol — ZooKeeper's voters (1–9) and observers (0–4), Paxos'
 * acceptors, proposers and learners and its retry policy, Multi-Paxos' replicas — read from the
 * protocol's settings (src/protocol/registry.ts). **New ensemble** opens the lab's own URL with the
 * new values (docs/architecture.md), so the old lab's page — and with it every one of its Web Workers — is
 * gone, and the new one is a shareable link like any other.
 */
import { useState } from 'react';
import { selectProtocol, useLabStore, type ProtocolSettingInfo } from '../../store/index.ts';
import { t } from '../strings.ts';

/**
 * The URL of the same lab with other settings (`{voters: 3}`, `{acceptors: 5, retry: 'leader'}`),
 * keeping every other setting and the seed. `boot=…` names processes of the old lab: only the ones
 * that still exist (`processes` of them) are kept.
 */
export function settingsUrl(search: string, values: Readonly<Record<string, number | string>>, seed: string, processes?: number): string {
  const q = new URLSearchParams(search);
  for (const [k, v] of Object.entries(values)) q.set(k, String(v));
  q.set('seed', seed);
  const boot = q.get('boot');
  if (boot !== null && processes !== undefined) {
    const kept = boot.split(',').filter((s) => Number(s) >= 1 && Number(s) <= processes);
    if (kept.length > 0) q.set('boot', kept.join(','));
    else q.delete('boot');
  }
  return `?${q.toString()}`;
}

/** The URL of the same lab with other numbers of voters and observers, keeping every other setting. */
export function ensembleUrl(search: string, voters: number, observers: number, seed: string): string {
  return settingsUrl(search, { voters, observers }, seed, voters + observers);
}

function optionText(key: string, value: number | string): string {
  return key === 'retry' ? (t.retryNames as Record<string, string>)[String(value)] ?? String(value) : String(value);
}

/** How many processes a lab with these settings has (the sizes are the counts of its processes). */
function processCount(settings: readonly ProtocolSettingInfo[], values: Readonly<Record<string, number | string>>): number {
  return settings.reduce((n, s) => n + (typeof s.value === 'number' ? Number(values[s.key] ?? s.value) : 0), 0);
}

export function EnsembleSize() {
  const protocol = useLabStore(selectProtocol);
  const [chosen, setChosen] = useState<Record<string, number | string>>({});
  const value = (s: ProtocolSettingInfo) => chosen[s.key] ?? s.value;
  const changed = protocol.settings.some((s) => value(s) !== s.value);
  return (
    <form
      className="ensemble-size"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!changed) return;
        const values = Object.fromEntries(protocol.settings.map((s) => [s.key, value(s)]));
        window.location.assign(settingsUrl(window.location.search, values, protocol.seed, processCount(protocol.settings, values)));
      }}
    >
      {protocol.settings.map((s) => (
        <label key={s.key}>
          {(t.settingLabels as Record<string, string>)[s.key] ?? s.key}
          <select
            value={String(value(s))}
            onChange={(ev) => {
              const raw = ev.currentTarget.value;
              setChosen((c) => ({ ...c, [s.key]: typeof s.value === 'number' ? Number(raw) : raw }));
            }}
          >
            {s.values.map((v) => (
              <option key={String(v)} value={String(v)}>
                {optionText(s.key, v)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className="btn btn-small" disabled={!changed} title={protocol.hasZkCli ? t.newEnsembleTitle : t.newLabTitle}>
        {t.newEnsemble}
      </button>
    </form>
  );
}
