/**
 * The settings of a lab run. Ensemble settings use zoo.cfg's names and defaults; link latency
 * and its spread are lab settings. Parsing from URL parameters or `new` lines lives here so the
 * browser and the scenario tests read settings the same way.
 */
import { renderText, type StructuredText } from '../sim/module.ts';
import { BUG_NAMES, DEFAULT_QUORUM_CONFIG, type BugName, type QuorumConfig } from './types.ts';
import { DEFAULT_PAXOS_CONFIG, PAXOS_BUG_NAMES, RETRY_POLICIES, type RetryPolicy } from './paxos/types.ts';
import { DEFAULT_MULTIPAXOS_CONFIG, MULTIPAXOS_BUG_NAMES } from './multipaxos/types.ts';
import { COMMIT_BUG_NAMES, COMMIT_LIMITS, DEFAULT_COMMIT_CONFIG } from './commit/types.ts';

/**
 * What can be wrong with a link's settings, as structured text (`configErrors.*` in i18n; the app
 * loads these dictionaries), with the English line for the console and tests. Also the link's
 * other problems (`?do=` lines, `?run=`).
 */
export const URL_PROBLEMS_EN = {
  protocol: 'protocol must be one of {{names}} (got "{{got}}")',
  retry: 'retry must be one of {{names}} (got "{{got}}")',
  seed: 'seed must be 1-64 characters',
  boot: 'boot must list server numbers, e.g. boot=1,2',
  bugs: 'bugs must list bug switches ({{names}}); unknown: {{bad}}',
  range: '{{key}} must be an integer from {{lo}} to {{hi}} (got "{{got}}")',
  doLong: 'do: a line longer than {{max}} characters was not run ({{start}})',
  doMany: 'do: at most {{max}} lines run from a link; {{n}} more were not run',
  superDigest: 'superDigest must be user:base64(sha1(user:password)), e.g. superDigest={{example}} (got "{{got}}")',
  doLesson: 'do: not run on a lesson page (the lesson drives the console)',
  run: 'run: {{why}}',
} as const;

export type UrlProblemKey = keyof typeof URL_PROBLEMS_EN;

export const URL_PROBLEMS_ZH: Record<UrlProblemKey, string> = {
  protocol: 'protocol 必须是 {{names}} 之一（收到的是“{{got}}”）',
  retry: 'retry 必须是 {{names}} 之一（收到的是“{{got}}”）',
  seed: 'seed 必须是 1 到 64 个字符',
  boot: 'boot 必须列出服务器编号，例如 boot=1,2',
  bugs: 'bugs 必须列出故障开关（{{names}}）；未知的：{{bad}}',
  range: '{{key}} 必须是 {{lo}} 到 {{hi}} 之间的整数（收到的是“{{got}}”）',
  doLong: 'do：超过 {{max}} 个字符的一行没有执行（{{start}}）',
  doMany: 'do：一个链接最多执行 {{max}} 行；另有 {{n}} 行没有执行',
  superDigest: 'superDigest 必须是 user:base64(sha1(user:password)) 的形式，例如 superDigest={{example}}（收到的是“{{got}}”）',
  doLesson: 'do：课程页面不执行（由课程驱动控制台）',
  run: 'run 链接无法重放：{{why}}',
};

/** A problem of a link: its i18n key (`configErrors.…`), values, and the English line. */
export interface UrlProblem extends StructuredText {
  text: string;
}

export function urlProblem(key: UrlProblemKey, values?: Record<string, string | number>): UrlProblem {
  const st = values ? { key, values } : { key };
  return { key: `configErrors.${key}`, ...(values ? { values } : {}), text: renderText(st, URL_PROBLEMS_EN) };
}

/** The protocols of the lab (`?protocol=`). */
export const PROTOCOLS = ['zookeeper', 'paxos', 'multipaxos', '2pc', '3pc'] as const;
export type ProtocolId = (typeof PROTOCOLS)[number];

/** Each protocol's bug switches (`?bugs=`). */
export const PROTOCOL_BUGS: Record<ProtocolId, readonly string[]> = {
  zookeeper: BUG_NAMES,
  paxos: PAXOS_BUG_NAMES,
  multipaxos: MULTIPAXOS_BUG_NAMES,
  '2pc': COMMIT_BUG_NAMES['2pc'],
  '3pc': COMMIT_BUG_NAMES['3pc'],
};

export interface LabConfig {
  /** Which protocol the lab runs (default ZooKeeper). Settings of other protocols are ignored. */
  protocol: ProtocolId;
  seed: number | string;
  voters: number;
  observers: number;
  tickTime: number;
  initLimit: number;
  syncLimit: number;
  /** One-way link delay: latencyMs + uniform[0, latencySpreadMs], drawn per packet from the link's generator. */
  latencyMs: number;
  latencySpreadMs: number;
  /** zookeeper.commitLogCount: how many committed proposals a leader keeps for DIFF. */
  commitLogCount: number;
  /** zookeeper.snapshotSizeFactor in percent (33 = 0.33; 0 = never sync from the txn log). */
  snapshotSizeFactorPct: number;
  /** Servers started when the lab opens (default: all). `boot=1,2` in a URL. */
  boot: number[] | null;
  /** Protocol-bug switches (the bug museum, src/protocol/bugs.ts). `bugs=commitWithoutQuorum,skipTrunc` in a URL; names of the lab's protocol. */
  bugs?: BugName[];
  /** Paxos: acceptors a1…aN (1–9), proposers p1…pP (1–3), learners l1…lL (1–3). */
  acceptors: number;
  proposers: number;
  learners: number;
  /** Paxos: how a preempted proposer retries (immediate, backoff, leader = a distinguished proposer). */
  retry: RetryPolicy;
  /** Paxos: how long a proposer waits in a phase before it retries, ms. */
  retryTimeoutMs: number;
  /** Multi-Paxos: replicas r1…rN (3–9), the leader's heartbeat and the replicas' election timeout, ms. */
  replicas: number;
  heartbeatMs: number;
  electionTimeoutMs: number;
  /** 2PC / 3PC: participants p1…pN (2–6) beside the coordinator c. */
  participants: number;
  /**
   * The servers' -Dzookeeper.DigestAuthenticationProvider.superDigest: `user:BASE64(SHA1("user:password"))`.
   * `superDigest=super:xQJmxLMiHGwaqBvst5y6rkB6HQs=` in a URL; then `addauth digest super:admin` is super.
   */
  superDigest?: string;
  /**
   * zoo.cfg `reconfigEnabled` (QuorumPeerConfig; false by default in 3.8): dynamic
   * reconfiguration. `reconfigEnabled=true` in a URL; the dynamic config then names each server in
   * the 3.5+ form `server.N=zkN:2888:3888:role;zkN:2181` and starts at version `100000000`.
   */
  reconfigEnabled?: boolean;
}

export const DEFAULT_LAB_CONFIG: LabConfig = {
  protocol: 'zookeeper',
  seed: 1,
  voters: 3,
  observers: 0,
  tickTime: DEFAULT_QUORUM_CONFIG.tickTime,
  initLimit: DEFAULT_QUORUM_CONFIG.initLimit,
  syncLimit: DEFAULT_QUORUM_CONFIG.syncLimit,
  latencyMs: 30,
  latencySpreadMs: 20,
  commitLogCount: 500,
  snapshotSizeFactorPct: 33,
  boot: null,
  acceptors: DEFAULT_PAXOS_CONFIG.acceptors,
  proposers: DEFAULT_PAXOS_CONFIG.proposers,
  learners: DEFAULT_PAXOS_CONFIG.learners,
  retry: DEFAULT_PAXOS_CONFIG.retry,
  retryTimeoutMs: DEFAULT_PAXOS_CONFIG.retryTimeoutMs,
  replicas: DEFAULT_MULTIPAXOS_CONFIG.replicas,
  heartbeatMs: DEFAULT_MULTIPAXOS_CONFIG.heartbeatMs,
  electionTimeoutMs: DEFAULT_MULTIPAXOS_CONFIG.electionTimeoutMs,
  participants: DEFAULT_COMMIT_CONFIG.participants,
};

export const LIMITS = {
  voters: [1, 9],
  observers: [0, 4],
  tickTime: [10, 60000],
  initLimit: [1, 100],
  syncLimit: [1, 100],
  latencyMs: [0, 10000],
  latencySpreadMs: [0, 10000],
  commitLogCount: [1, 100000],
  snapshotSizeFactorPct: [0, 10000],
  acceptors: [1, 9],
  proposers: [1, 3],
  learners: [1, 3],
  retryTimeoutMs: [10, 60000],
  replicas: [3, 9],
  heartbeatMs: [10, 60000],
  electionTimeoutMs: [30, 600000],
  participants: COMMIT_LIMITS.participants,
} as const satisfies Record<string, readonly [number, number]>;

export type ConfigKey = keyof typeof LIMITS;

/** The settings that size each protocol's processes: always in its links. */
const SIZE_KEYS: Record<ProtocolId, readonly ConfigKey[]> = {
  zookeeper: ['voters'],
  paxos: ['acceptors', 'proposers', 'learners'],
  multipaxos: ['replicas'],
  '2pc': ['participants'],
  '3pc': ['participants'],
};

/** The other numeric settings each protocol reads: in its links when they are not the default. */
const PROTOCOL_KEYS: Record<ProtocolId, readonly ConfigKey[]> = {
  zookeeper: ['tickTime', 'initLimit', 'syncLimit', 'latencyMs', 'latencySpreadMs', 'commitLogCount', 'snapshotSizeFactorPct'],
  paxos: ['latencyMs', 'latencySpreadMs', 'retryTimeoutMs'],
  multipaxos: ['latencyMs', 'latencySpreadMs', 'heartbeatMs', 'electionTimeoutMs'],
  '2pc': ['latencyMs', 'latencySpreadMs'],
  '3pc': ['latencyMs', 'latencySpreadMs'],
};

/** A digest id as DigestAuthenticationProvider.generateDigest writes it: a user without `:`, then 20 bytes of SHA1 in base64. */
const SUPER_DIGEST = /^[^:]+:[A-Za-z0-9+/]{27}=$/;

/**
 * Reads settings from key/value pairs (URL search params or `new k=v` words). Unknown keys are
 * ignored; bad values are reported, not thrown, so a mistyped link still opens a lab.
 */
export function parseLabConfig(pairs: Iterable<[string, string]>): { config: LabConfig; errors: string[]; problems: UrlProblem[] } {
  const config: LabConfig = { ...DEFAULT_LAB_CONFIG };
  const problems: UrlProblem[] = [];
  const errors = { push: (p: UrlProblem) => problems.push(p) };
  const list = [...pairs];
  // The protocol first: it decides which bug names are known.
  for (const [key, raw] of list) {
    if (key !== 'protocol') continue;
    const v = raw.trim().toLowerCase();
    if ((PROTOCOLS as readonly string[]).includes(v)) config.protocol = v as ProtocolId;
    else errors.push(urlProblem('protocol', { names: PROTOCOLS.join(', '), got: raw.slice(0, 20) }));
  }
  for (const [key, raw] of list) {
    if (key === 'protocol') continue;
    if (key === 'retry') {
      const v = raw.trim();
      if ((RETRY_POLICIES as readonly string[]).includes(v)) config.retry = v as RetryPolicy;
      else errors.push(urlProblem('retry', { names: RETRY_POLICIES.join(', '), got: raw.slice(0, 20) }));
      continue;
    }
    if (key === 'seed') {
      const v = raw.trim();
      if (v === '' || v.length > 64) errors.push(urlProblem('seed'));
      else config.seed = /^\d+$/.test(v) && Number(v) <= 0xffffffff ? Number(v) : v;
      continue;
    }
    if (key === 'boot') {
      const ids = raw.split(',').filter((x) => x !== '').map(Number);
      if (ids.some((n) => !Number.isInteger(n) || n < 1 || n > 13)) errors.push(urlProblem('boot'));
      else config.boot = ids;
      continue;
    }
    if (key === 'bugs') {
      const names = raw.split(',').map((x) => x.trim()).filter((x) => x !== '');
      const known = PROTOCOL_BUGS[config.protocol];
      const bad = names.filter((n) => !known.includes(n));
      if (bad.length > 0) errors.push(urlProblem('bugs', { names: known.join(', '), bad: bad.join(', ').slice(0, 80) }));
      else config.bugs = names as BugName[];
      continue;
    }
    if (key === 'superDigest') {
      // a `+` of the base64 arrives as a space when the link did not escape it (%2B)
      const v = raw.trim().replace(/ /g, '+');
      if (!SUPER_DIGEST.test(v)) errors.push(urlProblem('superDigest', { example: 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=', got: raw.slice(0, 40) }));
      else config.superDigest = v;
      continue;
    }
    if (key === 'reconfigEnabled') {
      const v = raw.trim().toLowerCase();
      // true/false as zoo.cfg writes it; 1/0 too (a bad value is reported as the 0–1 range)
      if (!['true', 'false', '1', '0'].includes(v)) errors.push(urlProblem('range', { key, lo: 0, hi: 1, got: raw.slice(0, 20) }));
      else if (v === 'true' || v === '1') config.reconfigEnabled = true;
      else delete config.reconfigEnabled;
      continue;
    }
    if (!(key in LIMITS)) continue;
    const k = key as ConfigKey;
    const [lo, hi] = LIMITS[k];
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < lo || n > hi) {
      errors.push(urlProblem('range', { key: k, lo, hi, got: raw.slice(0, 20) }));
      continue;
    }
    config[k] = n;
  }
  return { config, errors: problems.map((x) => x.text), problems };
}

/**
 * The URL parameters that open exactly this lab (the inverse of parseLabConfig): settings that
 * differ from the defaults, in a fixed order. Links that replay a run carry them.
 */
export function configToParams(c: LabConfig): URLSearchParams {
  const p = new URLSearchParams();
  if (c.protocol !== 'zookeeper') p.set('protocol', c.protocol);
  for (const k of SIZE_KEYS[c.protocol]) p.set(k, String(c[k]));
  if (c.protocol === 'zookeeper' && c.observers !== DEFAULT_LAB_CONFIG.observers) p.set('observers', String(c.observers));
  if (c.protocol === 'paxos' && c.retry !== DEFAULT_LAB_CONFIG.retry) p.set('retry', c.retry);
  p.set('seed', String(c.seed));
  for (const k of PROTOCOL_KEYS[c.protocol]) if (c[k] !== DEFAULT_LAB_CONFIG[k]) p.set(k, String(c[k]));
  if (c.boot) p.set('boot', c.boot.join(','));
  if (c.bugs && c.bugs.length > 0) p.set('bugs', c.bugs.join(','));
  if (c.superDigest) p.set('superDigest', c.superDigest);
  if (c.protocol === 'zookeeper' && c.reconfigEnabled) p.set('reconfigEnabled', 'true');
  return p;
}

export function voterIds(c: LabConfig): number[] {
  return Array.from({ length: c.voters }, (_, i) => i + 1);
}

export function observerIds(c: LabConfig): number[] {
  return Array.from({ length: c.observers }, (_, i) => c.voters + i + 1);
}

export function allIds(c: LabConfig): number[] {
  return [...voterIds(c), ...observerIds(c)];
}

/**
 * How many more servers of each role a ZooKeeper lab of `voters` and `observers` may add while it
 * runs (`lab add voter|observer`): up to LIMITS' largest ensemble, 9 voters and 4 observers.
 */
export function addRoom(voters: number, observers: number): { participant: number; observer: number } {
  return { participant: Math.max(0, LIMITS.voters[1] - voters), observer: Math.max(0, LIMITS.observers[1] - observers) };
}

export function quorumConfigOf(c: LabConfig): QuorumConfig {
  return {
    ...DEFAULT_QUORUM_CONFIG,
    voters: voterIds(c),
    observers: observerIds(c),
    tickTime: c.tickTime,
    initLimit: c.initLimit,
    syncLimit: c.syncLimit,
    commitLogCount: c.commitLogCount,
    snapshotSizeFactor: c.snapshotSizeFactorPct / 100,
    ...(c.bugs && c.bugs.length > 0 ? { bugs: [...c.bugs] } : {}),
    ...(c.superDigest !== undefined ? { superDigest: c.superDigest } : {}),
    ...(c.reconfigEnabled ? { reconfigEnabled: true } : {}),
  };
}
