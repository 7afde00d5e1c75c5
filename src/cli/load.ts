/**
 * `lab load …` and `lab sweep …` (ZooKeeper): load clients you can see, and the saturated
 * throughput of an ensemble against the share of reads. The load is a recorded action (it
 * rewinds, replays and travels in share links); the figures come from the kernel's load driver
 * (src/sim/load.ts) and the cost model of src/protocol/zkLoad.ts.
 *
 * Loaded on first use (lab.ts imports it dynamically), so it imports no code of the page's first
 * load: what it needs of it comes in `LoadDeps`.
 */
import type { LoadSpec } from '../sim/load.ts';
import { loadReport, type LoadReport } from '../sim/loadReport.ts';
import type { PeerView } from '../protocol/QuorumPeer.ts';
import type { Sid } from '../protocol/types.ts';
import type { LabController, LabReply } from './lab.ts';

export interface SweepPoint {
  /** Share of reads, %. */
  reads: number;
  /** Requests answered per simulated second (reads + writes). */
  opsPerSec: number;
  readsPerSec: number;
  writesPerSec: number;
  p50: number;
  p99: number;
}

export interface SweepResult {
  voters: number;
  observers: number;
  clients: number;
  points: SweepPoint[];
}

/** What this module uses of code the page has loaded already (src/cli/lab.ts hands it over). */
export interface LoadDeps {
  /** src/protocol/actions.ts describeLoad. */
  describeLoad(spec: LoadSpec | null, name: (id: Sid) => string): string;
  /** src/protocol/runLink.ts MAX_LOAD. */
  maxLoad: { clients: number; rate: number };
}

export const LOAD_USAGE = 'usage: lab load clients=N reads=R% rate=X/s [servers=S,S…]  ·  lab load stop  ·  lab load';
export const SWEEP_USAGE = 'usage: lab sweep reads=FROM..TO step=N [voters=V observers=O]';

const DEFAULTS = { clients: 10, reads: 90, rate: 100 };

/** `clients=12 reads=90% rate=200/s servers=zk1,zk2` → a spec, or what is wrong (zkCli's habit: the bad argument named). */
export function parseLoadArgs(ctl: Pick<LabController, 'sim' | 'config' | 'protocol'>, args: readonly string[], MAX_LOAD: LoadDeps['maxLoad']): LoadSpec | string {
  const spec: LoadSpec = { ...DEFAULTS, servers: [...ctl.sim.servers.keys()] };
  const seen = new Set<string>();
  for (const arg of args) {
    const m = /^(\w+)=(.*)$/.exec(arg);
    if (!m) return `lab load: ${arg} is not KEY=VALUE (${LOAD_USAGE.slice(7)})`;
    const [, key, value] = m as unknown as [string, string, string];
    if (seen.has(key)) return `lab load: ${key} given twice`;
    seen.add(key);
    switch (key) {
      case 'clients': {
        const n = wholeNumber(value);
        if (n === null || n < 1 || n > MAX_LOAD.clients) return `lab load: clients must be a whole number from 1 to ${MAX_LOAD.clients}, not ${value}`;
        spec.clients = n;
        break;
      }
      case 'reads': {
        const n = wholeNumber(value.replace(/%$/, ''));
        if (n === null || n > 100) return `lab load: reads must be a share from 0% to 100%, not ${value}`;
        spec.reads = n;
        break;
      }
      case 'rate': {
        if (value === 'max') {
          spec.rate = 0;
          break;
        }
        const n = wholeNumber(value.replace(/\/s$/, ''));
        if (n === null || n < 1 || n > MAX_LOAD.rate) return `lab load: rate must be requests per second from 1/s to ${MAX_LOAD.rate}/s (or max), not ${value}`;
        spec.rate = n;
        break;
      }
      case 'servers': {
        const sids: Sid[] = [];
        for (const w of value.split(',').filter((x) => x !== '')) {
          const sid = ctl.protocol.processId(ctl.config, w);
          if (sid === null || !ctl.sim.servers.has(sid)) return `lab load: no server ${w} (servers are ${[...ctl.sim.servers.keys()].map((s) => ctl.sim.name(s)).join(', ')})`;
          if (!sids.includes(sid)) sids.push(sid);
        }
        if (sids.length === 0) return 'lab load: servers= names at least one server';
        spec.servers = sids;
        break;
      }
      default:
        return `lab load: unknown argument ${key} (${LOAD_USAGE.slice(7)})`;
    }
  }
  return spec;
}

function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/** `lab load` alone: the load and, per server, what it served over the last 10 simulated seconds. */
export function loadReportLines(ctl: Pick<LabController, 'sim'>, describeLoad: LoadDeps['describeLoad'], report: LoadReport = reportNow(ctl)): string[] {
  const name = (id: Sid): string => ctl.sim.name(id);
  const lines = [report.spec ? describeLoad(report.spec, name) : 'no load running'];
  lines.push(`over the last ${(report.windowMs / 1000).toFixed(1)}s of simulated time:`);
  for (const s of report.servers) {
    lines.push(`${name(s.sid)} reads/s=${s.readsPerSec} writes/s=${s.writesPerSec} p50=${s.p50}ms p99=${s.p99}ms queue=${s.queue}`);
  }
  lines.push(`total reads/s=${report.total.readsPerSec} writes/s=${report.total.writesPerSec}`);
  const leader = leaderOutstanding(ctl);
  if (leader) lines.push(`leader ${name(leader.sid)} outstanding proposals=${leader.outstanding}`);
  return lines;
}

/** What each server served over the last 10 simulated seconds, now. */
export function reportNow(ctl: Pick<LabController, 'sim'>): LoadReport {
  return loadReport(ctl.sim.loadState(), ctl.sim.now, [...ctl.sim.servers.keys()]);
}

/** The leader (if one leads) and its proposals not yet committed (Leader.outstandingProposals). */
export function leaderOutstanding(ctl: Pick<LabController, 'sim'>): { sid: Sid; outstanding: number } | null {
  for (const s of ctl.sim.servers.values()) {
    const v = s.view as PeerView | null;
    if (s.up && v?.state === 'LEADING') return { sid: s.sid, outstanding: v.zab.outstanding.length };
  }
  return null;
}

export async function labLoad(ctl: LabController, args: readonly string[], deps: LoadDeps): Promise<LabReply> {
  const { describeLoad } = deps;
  if (args.length === 0) return { lines: loadReportLines(ctl, describeLoad) };
  if (args[0] === 'stop') {
    if (args.length > 1) return { lines: ['lab load stop: takes no arguments'], error: true };
    if (!ctl.sim.loadSpec()) return { lines: ['lab load stop: no load running'], error: true };
    await ctl.apply({ type: 'load', spec: null });
    return { lines: ['load stopped'] };
  }
  const spec = parseLoadArgs(ctl, args, deps.maxLoad);
  if (typeof spec === 'string') return { lines: [spec], error: true };
  await ctl.apply({ type: 'load', spec });
  return { lines: [`${describeLoad(spec, (id) => ctl.sim.name(id))} started`] };
}

/** `reads=0..100 step=10 [voters=V observers=O]` → the sweep's shares and ensemble. */
export function parseSweepArgs(args: readonly string[], current: { voters: number; observers: number }): { shares: number[]; voters: number; observers: number } | string {
  let from = 0;
  let to = 100;
  let step = 10;
  let { voters, observers } = current;
  for (const arg of args) {
    const m = /^(\w+)=(.*)$/.exec(arg);
    const key = m?.[1];
    const value = m?.[2] ?? '';
    if (key === 'reads') {
      const r = /^(\d{1,3})%?\.\.(\d{1,3})%?$/.exec(value);
      if (!r || Number(r[1]) > Number(r[2]) || Number(r[2]) > 100) return `lab sweep: reads must be FROM..TO within 0..100, not ${value}`;
      from = Number(r[1]);
      to = Number(r[2]);
    } else if (key === 'step') {
      const n = wholeNumber(value);
      if (n === null || n < 1 || n > 100) return `lab sweep: step must be a whole number from 1 to 100, not ${value}`;
      step = n;
    } else if (key === 'voters') {
      const n = wholeNumber(value);
      if (n === null || n < 1 || n > 9) return `lab sweep: voters must be from 1 to 9, not ${value}`;
      voters = n;
    } else if (key === 'observers') {
      const n = wholeNumber(value);
      if (n === null || n > 4) return `lab sweep: observers must be from 0 to 4, not ${value}`;
      observers = n;
    } else return `lab sweep: unknown argument ${arg} (${SWEEP_USAGE.slice(7)})`;
  }
  const shares: number[] = [];
  for (let r = from; r <= to; r += step) shares.push(r);
  if (shares.length > 21) return 'lab sweep: at most 21 points (make step larger)';
  return { shares, voters, observers };
}

/** The sweep as a table: one line per share of reads. */
export function sweepLines(r: SweepResult): string[] {
  const lines = [
    `sweep: ${r.voters} voter${r.voters === 1 ? '' : 's'} + ${r.observers} observer${r.observers === 1 ? '' : 's'}, ${r.clients} closed-loop clients, saturated throughput (simulated requests/s)`,
    'reads%  ops/s  reads/s  writes/s  p50ms  p99ms',
  ];
  for (const p of r.points) {
    lines.push(`${pad(p.reads, 6)}  ${pad(p.opsPerSec, 5)}  ${pad(p.readsPerSec, 7)}  ${pad(p.writesPerSec, 8)}  ${pad(p.p50, 5)}  ${pad(p.p99, 5)}`);
  }
  return lines;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w);
}
