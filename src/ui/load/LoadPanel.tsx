/**
 * The Load panel (a lower-panel tab of a ZooKeeper lab, loaded on first use): start and stop a
 * load (`lab load …` in the console, so it is recorded like every action), live charts of what
 * each server serves — requests/s, p50/p99 latency, queue lengths and the leader's outstanding
 * proposals, sampled from the kernel's load driver while the panel is shown — and the sweep
 * (`lab sweep`) with overlays of other ensembles on one chart.
 */
import { useEffect, useState } from 'react';
import type { LabSession } from '../../store/index.ts';
import type { Lang } from '../i18n/index.ts';
import { loadReport, type LoadReport } from '../../sim/loadReport.ts';
import type { SweepResult } from '../../cli/load.ts';
import type { PeerView } from '../../protocol/QuorumPeer.ts';
import { SERIES_COLOURS, seriesName, sweepChartSvg } from './sweepChart.ts';
import { timeChartSvg, type TimeSeries } from './timeChart.ts';
import { LOAD_TEXT_EN, LOAD_TEXT_ZH } from './texts.ts';
import './load.css';

/**
 * What the panel uses of the page's first load, handed over by src/ui/timeline/LowerPanels.tsx: a
 * module of it imported here would be split into a chunk of its own, and the first load would grow.
 */
export interface LoadPanelDeps {
  currentSession(): LabSession | null;
  runConsoleLine(line: string): Promise<void>;
  addTexts(lang: Lang, texts: Readonly<Record<string, string>>): void;
  useLang(): Lang;
  tr(key: string, params?: Record<string, unknown>): string;
}

let deps!: LoadPanelDeps;
let textsAdded = false;
const currentSession = (): LabSession | null => deps.currentSession();
const tr = (key: string, params?: Record<string, unknown>): string => deps.tr(key, params);

interface Sample {
  t: number;
  report: LoadReport;
  leaderOutstanding: number;
}

/** How often the panel samples (wall ms) and how much simulated time its charts keep. */
const SAMPLE_EVERY_MS = 500;
const KEEP_MS = 60_000;
const SHARES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const OVERLAYS: Array<[number, number]> = [[3, 0], [5, 0], [7, 0], [3, 2]];

function sample(): Sample | null {
  const sim = currentSession()?.runtime.sim;
  if (!sim) return null;
  let leaderOutstanding = 0;
  for (const s of sim.servers.values()) {
    const v = s.view as PeerView | null;
    if (s.up && v?.state === 'LEADING') leaderOutstanding = v.zab.outstanding.length;
  }
  return { t: sim.now, report: loadReport(sim.loadState(), sim.now, [...sim.servers.keys()]), leaderOutstanding };
}

function serverName(sid: number): string {
  return currentSession()?.runtime.sim.name(sid) ?? `zk${sid}`;
}

export default function LoadPanel({ deps: given }: { deps: LoadPanelDeps }) {
  deps = given;
  if (!textsAdded) {
    given.addTexts('en', LOAD_TEXT_EN);
    given.addTexts('zh-CN', LOAD_TEXT_ZH);
    textsAdded = true;
  }
  given.useLang();
  const runConsoleLine = given.runConsoleLine;
  const [samples, setSamples] = useState<Sample[]>([]);
  const [clients, setClients] = useState(12);
  const [reads, setReads] = useState(90);
  const [rate, setRate] = useState(200);
  const [sweeps, setSweeps] = useState<SweepResult[]>([]);
  const [sweeping, setSweeping] = useState<string | null>(null);

  // Samples only while shown (the panel is mounted only when its tab is chosen).
  useEffect(() => {
    const tick = (): void => {
      const s = sample();
      if (!s) return;
      setSamples((prev) => {
        // A rewind: forget what lies after the present.
        const kept = prev.filter((p) => p.t < s.t && p.t >= s.t - KEEP_MS);
        return kept.length > 0 && kept[kept.length - 1]!.t === s.t ? kept : [...kept, s];
      });
    };
    tick();
    const id = setInterval(tick, SAMPLE_EVERY_MS);
    return () => clearInterval(id);
  }, []);

  const last = samples[samples.length - 1];
  const spec = last?.report.spec ?? null;
  const sids = last?.report.servers.map((s) => s.sid) ?? [];
  const colour = (i: number): string => SERIES_COLOURS[i % SERIES_COLOURS.length]!;
  const perServer = (f: (s: LoadReport['servers'][number]) => number): TimeSeries[] =>
    sids.map((sid, i) => ({ name: serverName(sid), colour: colour(i), points: samples.map((p) => [p.t, f(p.report.servers.find((s) => s.sid === sid) ?? { sid, readsPerSec: 0, writesPerSec: 0, errorsPerSec: 0, p50: 0, p99: 0, queue: 0 })] as const) }));
  const throughput = timeChartSvg([
    ...perServer((s) => s.readsPerSec + s.writesPerSec),
    { name: tr('load.total'), colour: '#111827', points: samples.map((p) => [p.t, p.report.total.readsPerSec + p.report.total.writesPerSec] as const) },
  ], { title: tr('load.throughput'), unit: tr('load.perSec') });
  const latency = timeChartSvg([
    { name: 'p50', colour: '#2563eb', points: samples.map((p) => [p.t, p.report.total.p50] as const) },
    { name: 'p99', colour: '#dc2626', points: samples.map((p) => [p.t, p.report.total.p99] as const) },
    ...perServer((s) => s.p99).map((s) => ({ ...s, name: `${s.name} p99`, dashed: true })),
  ], { title: tr('load.latency'), unit: tr('load.ms') });
  const queues = timeChartSvg([
    ...perServer((s) => s.queue),
    { name: tr('load.outstanding'), colour: '#111827', dashed: true, points: samples.map((p) => [p.t, p.leaderOutstanding] as const) },
  ], { title: tr('load.queues'), unit: tr('load.inputs') });

  const start = (): void => void runConsoleLine(`lab load clients=${clients} reads=${reads}% rate=${rate}/s`);
  const stop = (): void => void runConsoleLine('lab load stop');

  const sweep = async (voters: number | null, observers: number | null): Promise<void> => {
    const runtime = currentSession()?.runtime;
    if (!runtime || sweeping) return;
    const v = voters ?? runtime.config.voters;
    const o = observers ?? runtime.config.observers;
    setSweeping(seriesName({ voters: v, observers: o }));
    try {
      const result = await runtime.sweep(v, o, SHARES);
      setSweeps((prev) => [...prev.filter((p) => p.voters !== v || p.observers !== o), result]);
    } finally {
      setSweeping(null);
    }
  };

  return (
    <div className="panel load-panel" data-testid="load-panel">
      <div className="load-controls">
        <label>{tr('load.clients')} <input type="number" min={1} max={1000} value={clients} onChange={(e) => setClients(Number(e.target.value))} data-testid="load-clients" /></label>
        <label>{tr('load.reads')} <input type="number" min={0} max={100} value={reads} onChange={(e) => setReads(Number(e.target.value))} data-testid="load-reads" /></label>
        <label>{tr('load.rate')} <input type="number" min={1} max={10000} value={rate} onChange={(e) => setRate(Number(e.target.value))} data-testid="load-rate" /></label>
        <button type="button" onClick={start} data-testid="load-start">{tr('load.start')}</button>
        <button type="button" onClick={stop} disabled={!spec} data-testid="load-stop">{tr('load.stop')}</button>
        <span className="load-status" data-testid="load-status" data-running={spec ? 'true' : 'false'}>
          {spec ? tr('load.running', { spec: `clients=${spec.clients} reads=${spec.reads}% rate=${spec.rate > 0 ? `${spec.rate}/s` : 'max'}` }) : tr('load.none')}
        </span>
      </div>
      <div className="load-charts">
        <div className="load-chart" data-chart="throughput" dangerouslySetInnerHTML={{ __html: throughput }} />
        <div className="load-chart" data-chart="latency" dangerouslySetInnerHTML={{ __html: latency }} />
        <div className="load-chart" data-chart="queues" dangerouslySetInnerHTML={{ __html: queues }} />
      </div>
      <table className="load-table" data-testid="load-table">
        <tbody>
          {last?.report.servers.map((s) => (
            <tr key={s.sid} data-sid={s.sid}>
              <th scope="row">{serverName(s.sid)}</th>
              <td>reads/s={s.readsPerSec}</td><td>writes/s={s.writesPerSec}</td><td>p50={s.p50}ms</td><td>p99={s.p99}ms</td><td>queue={s.queue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="load-sweep-title">{tr('load.sweepTitle')}</h3>
      <div className="load-controls">
        <button type="button" onClick={() => void sweep(null, null)} disabled={sweeping !== null} data-testid="sweep-now">{tr('load.sweepNow')}</button>
        {OVERLAYS.map(([v, o]) => (
          <button key={`${v}+${o}`} type="button" onClick={() => void sweep(v, o)} disabled={sweeping !== null} data-testid={`sweep-${v}-${o}`}>
            {tr('load.sweepOverlay', { name: seriesName({ voters: v, observers: o }) })}
          </button>
        ))}
        <button type="button" onClick={() => setSweeps([])} disabled={sweeps.length === 0}>{tr('load.sweepClear')}</button>
        {sweeping && <span className="load-status">{tr('load.sweeping', { name: sweeping })}</span>}
      </div>
      <p className="load-note">{tr('load.sweepNote')}</p>
      {sweeps.length > 0 && (
        <div className="load-sweep" data-testid="sweep-chart" data-series={sweeps.map(seriesName).join('|')}
          dangerouslySetInnerHTML={{ __html: sweepChartSvg(sweeps, { xLabel: tr('load.xLabel'), yLabel: tr('load.yLabel') }) }} />
      )}
    </div>
  );
}
