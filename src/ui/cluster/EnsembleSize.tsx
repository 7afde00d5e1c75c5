/**
 * The size pickers of the lab's protocol — ZooKeeper's voters (1–9) and observers (0–4), Paxos'
 * acceptors, proposers and learners and its retry policy, Multi-Paxos' replicas — read from the
 * protocol's settings (src/protocol/registry.ts).
 *
 * - With reconfigEnabled (ZooKeeper's dynamic reconfiguration) the Voters / Observers pickers show
 *   the live configuration and change the running ensemble: raising adds servers as + Voter /
 *   + Observer do (`lab add`, then `reconfig -add`), lowering removes the newest members with
 *   `reconfig -remove` — console lines, so the run keeps its history and sessions and stays
 *   rewindable and shareable. A choice reconfig would refuse now is disabled and says why.
 * - Otherwise **New ensemble** opens the lab's own URL with the new values (docs/architecture.md),
 *   so the old lab's page — and with it every one of its Web Workers — is gone, and the new one is
 *   a shareable link like any other. ZooKeeper 3.8 without reconfigEnabled cannot change its
 *   members while it runs either: the picker says so and offers to reopen with reconfigEnabled.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  ensembleResizeInput, labReconfigEnabled, RECORDED_SUPER_DIGEST, resizeEnsemble, resizeRefusal, selectProtocol, useLabStore,
  type ProtocolSettingInfo, type ResizeKey, type ResizeRefusal,
} from '../../store/index.ts';
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

/**
 * The URL of the same ensemble (its sizes and seed) with zoo.cfg reconfigEnabled=true, and the
 * recordings' superDigest unless the lab has one (a reconfig needs a super session). A shared
 * run (`run=`) is left behind: this is a new run.
 */
export function reconfigUrl(search: string, voters: number, observers: number, seed: string): string {
  const q = new URLSearchParams(settingsUrl(search, { voters, observers, reconfigEnabled: 'true' }, seed, voters + observers).slice(1));
  if (!q.get('superDigest')) q.set('superDigest', RECORDED_SUPER_DIGEST);
  q.delete('run');
  return `?${q.toString()}`;
}

function optionText(key: string, value: number | string): string {
  return key === 'retry' ? (t.retryNames as Record<string, string>)[String(value)] ?? String(value) : String(value);
}

/** How many processes a lab with these settings has (the sizes are the counts of its processes). */
function processCount(settings: readonly ProtocolSettingInfo[], values: Readonly<Record<string, number | string>>): number {
  return settings.reduce((n, s) => n + (typeof s.value === 'number' ? Number(values[s.key] ?? s.value) : 0), 0);
}

const LIVE_KEYS: readonly string[] = ['voters', 'observers'] satisfies ResizeKey[];

/** Why the pickers (and + Voter / + Observer) refuse a size now, in the page's language. */
export function resizeRefusalText(r: ResizeRefusal): string {
  return { noLeader: t.resizeNoLeader, noVoter: t.resizeNoVoter, noQuorum: t.resizeNoQuorum, noRoom: t.resizeNoRoom }[r];
}

/** With reconfigEnabled: the pickers show the live configuration and reconfigure the running ensemble. */
function LiveEnsembleSize({ settings }: { settings: readonly ProtocolSettingInfo[] }) {
  const counts = useLabStore(useShallow((s) => ({ voters: s.ensemble.voters.length, observers: s.ensemble.observers.length })));
  useLabStore((s) => s.servers); // the leader and its synced followers decide which choices reconfig takes
  const [busy, setBusy] = useState(false);
  const input = ensembleResizeInput();
  return (
    <div className="ensemble-size ensemble-live" aria-busy={busy}>
      {settings.map((s) => {
        const key = s.key as ResizeKey;
        return (
          <label key={key} title={t.resizeLiveTitle}>
            {(t.settingLabels as Record<string, string>)[key] ?? key}
            <select
              value={String(counts[key])}
              disabled={busy || input === null}
              onChange={(ev) => {
                const target = Number(ev.currentTarget.value);
                setBusy(true);
                void resizeEnsemble(key, target).finally(() => setBusy(false));
              }}
            >
              {s.values.map((v) => {
                const refusal = input ? resizeRefusal(input, key, Number(v)) : null;
                return (
                  <option key={String(v)} value={String(v)} disabled={refusal !== null} title={refusal ? resizeRefusalText(refusal) : undefined}>
                    {String(v)}
                  </option>
                );
              })}
            </select>
          </label>
        );
      })}
    </div>
  );
}

export function EnsembleSize() {
  const protocol = useLabStore(selectProtocol);
  const [chosen, setChosen] = useState<Record<string, number | string>>({});
  const live = protocol.hasZkCli && labReconfigEnabled();
  if (live) return <LiveEnsembleSize settings={protocol.settings.filter((s) => LIVE_KEYS.includes(s.key))} />;
  const value = (s: ProtocolSettingInfo) => chosen[s.key] ?? s.value;
  const changed = protocol.settings.some((s) => value(s) !== s.value);
  const current = (key: string) => Number(protocol.settings.find((s) => s.key === key)?.value ?? 0);
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
        <label key={s.key} title={protocol.hasZkCli ? t.newEnsembleStaticTitle : undefined}>
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
      <button type="submit" className="btn btn-small" disabled={!changed} title={protocol.hasZkCli ? t.newEnsembleStaticTitle : t.newLabTitle}>
        {t.newEnsemble}
      </button>
      {protocol.hasZkCli && changed && (
        // ZooKeeper changes its members while it runs only with reconfigEnabled: say so, and offer it.
        <button
          type="button"
          className="btn btn-small btn-ghost"
          title={t.enableReconfigTitle}
          onClick={() => window.location.assign(reconfigUrl(window.location.search, current('voters'), current('observers'), protocol.seed))}
        >
          {t.enableReconfig}
        </button>
      )}
    </form>
  );
}
