/**
 * Every string the UI shows, through one object `t`, in the current language (English or 简体中文).
 * The texts live in ./i18n/en.ts and ./i18n/zh-CN.ts as i18next resources; `t.key` reads one and
 * `t.fn(a, b)` fills a template with its values, so call sites stay `t.someKey` / `t.someFn(a, b)`.
 * ZooKeeper's own words — LEADING, FOLLOWING, zxid, epoch, packet types — are not translated:
 * learners meet them in the real logs and source.
 * Console text is not here: it is what zkCli and the `lab` commands print, always in English.
 */
import { i18n } from './i18n';
import { en as enResources, type Resources } from './i18n/en';

/**
 * Rendered strings by key and values, for the current language and resources: views re-render
 * often with the same texts, and i18next's lookup and interpolation cost far more than a Map read.
 * Emptied when the language changes or texts are added (./i18n `addTexts`).
 */
const cache = new Map<string, string>();
const CACHE_MAX = 20_000;
const forget = () => cache.clear();
i18n.on('languageChanged', forget);
i18n.store.on('added', forget);
i18n.store.on('removed', forget);

/** The cache key of a call: its key and values (null when a value is not a plain string, number or boolean). */
function cacheKey(key: string, params?: Record<string, unknown>): string | null {
  if (!params) return key;
  let k = key;
  for (const name in params) {
    const v = params[name];
    const type = typeof v;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return null;
    k += `\u0000${name}\u0001${type[0]!}${type === 'string' ? (v as string) : String(v)}`;
  }
  return k;
}

/** One string in the current language. */
export function tr(key: string, params?: Record<string, unknown>): string {
  const k = cacheKey(key, params);
  if (k !== null) {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
  }
  const text = String(i18n.t(key, params));
  if (k !== null) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(k, text);
  }
  return text;
}

const seconds = (ms: number, digits: number) => (ms / 1000).toFixed(digits);

/** The strings with values: each fills its template(s) in the current language. */
const fns = {
  ensembleSummary: (voters: number, observers: number, seed: string) =>
    tr('ensembleSummary', {
      voters: tr('ensembleVoters', { count: voters }),
      observers: observers > 0 ? tr('ensembleObservers', { count: observers }) : '',
      seed,
    }),
  ensembleSettings: (tickTime: number, initLimit: number, syncLimit: number, latencyMs: number, spreadMs: number) =>
    tr('ensembleSettings', { tickTime, initLimit, syncLimit, latencyMs, maxMs: latencyMs + spreadMs }),
  stepToTitle: (what: string) => tr('stepToTitle', { what: i18n.language === 'en' ? what.toLowerCase() : what }),
  breakHit: (what: string) => tr('breakHit', { what }),
  branchOption: (id: number, forkT: number | null, current: boolean) =>
    forkT === null
      ? tr('branchOption', { mark: current ? '● ' : '', id })
      : tr('branchOptionFork', { mark: current ? '● ' : '', id, seconds: seconds(forkT, 1) }),
  speedValue: (speed: number) => tr('speedValue', { speed }),
  eventCount: (n: number) => tr('eventCount', { n }),
  serverLabel: (name: string, state: string) => tr('serverLabel', { name, state }),
  inspect: (name: string) => tr('inspect', { name }),
  killServer: (name: string) => tr('killServer', { name }),
  startServer: (name: string) => tr('startServer', { name }),
  wipeServer: (name: string) => tr('wipeServer', { name }),
  voteText: (leader: string, zxid: string, peerEpoch: string) => tr('voteText', { leader, zxid, peerEpoch }),
  packetTitle: (from: string, to: string, type: string) => tr('packetTitle', { from, to, type }),
  logSummary: (n: number, lastCommitted: string | null, uncommitted: number, snapshotZxid: string) =>
    tr('logSummary', {
      txns: tr('logSummaryTxns', { count: n }),
      committed: lastCommitted === null ? tr('logSummaryDown') : tr('logSummaryCommitted', { zxid: lastCommitted }),
      uncommitted: uncommitted > 0 ? tr('logSummaryUncommitted', { n: uncommitted }) : '',
      snapshotZxid,
    }),
  logEarlier: (n: number) => tr('logEarlier', { n }),
  syncFlashTitle: (leader: string, mode: string, learner: string) => tr('syncFlashTitle', { leader, mode, learner }),
  learnerText: (name: string, stage: string, syncMode: string | null, synced: boolean) =>
    tr('learnerText', {
      name,
      stage,
      syncMode: syncMode ? tr('learnerSyncMode', { mode: syncMode }) : '',
      notSynced: synced ? '' : tr('learnerNotSynced'),
    }),
  outstandingText: (zxid: string, acks: string[]) =>
    tr('outstandingText', { zxid, acks: acks.length > 0 ? acks.join(', ') : tr('detailsNone') }),
  consoleRunning: (n: number) => tr('consoleRunning', { n }),
  consoleHintProtocol: (commands: readonly string[]) => tr('consoleHintProtocol', { commands: commands.join(', ') }),
  consoleTabName: (id: number, host: string) => tr('consoleTabName', { id, host }),
  consoleTabTitle: (host: string, state: string, sessionId: string | null) =>
    tr('consoleTabTitle', { host, state, session: sessionId ? tr('consoleTabTitleSession', { sessionId }) : '' }),
  consoleTabClose: (id: number, host: string) => tr('consoleTabClose', { id, host }),
  consoleNewTab: (server: string) => tr('consoleNewTab', { server }),
  znodeFollowConsole: (server: string) => tr('znodeFollowConsole', { server }),
  znodeSummary: (server: string, size: number, zxid: string, leader: string | null, diffs: number) =>
    tr('znodeSummary', {
      server,
      size,
      zxid,
      relation:
        leader === null
          ? tr('znodeSummaryNoLeader')
          : diffs === 0
            ? tr('znodeSummarySame', { leader })
            : tr('znodeSummaryDiffer', { diffs, leader }),
    }),
  znodeStatus: {
    loading: (server: string) => tr('znodeStatus.loading', { server }),
    down: (server: string) => tr('znodeStatus.down', { server }),
    'no-database': (server: string) => tr('znodeStatus.no-database', { server }),
    ready: (server: string) => tr('znodeStatus.ready', { server }),
  },
  znodeMore: (n: number) => tr('znodeMore', { n }),
  znodeHidden: (n: number) => tr('znodeHidden', { n }),
  znodeExpand: (path: string) => tr('znodeExpand', { path }),
  znodeCollapse: (path: string) => tr('znodeCollapse', { path }),
  znodeSelect: (path: string) => tr('znodeSelect', { path }),
  znodeEphemeralTitle: (owner: string) => tr('znodeEphemeralTitle', { owner }),
  znodeTtlTitle: (ttlMs: number | null) => tr('znodeTtlTitle', { ttl: ttlMs === null ? '' : tr('znodeTtlValue', { ms: ttlMs }) }),
  znodeWatchedTitle: (data: string[], child: string[], modes: string[]) =>
    tr('znodeWatchedTitle', {
      data: data.length > 0 ? data.join(', ') : tr('detailsNone'),
      child: child.length > 0 ? child.join(', ') : tr('detailsNone'),
      modes: modes.length > 0 ? ` · ${modes.join(', ')}` : '',
    }),
  znodeGone: (path: string) => tr('znodeGone', { path }),
  znodeOnServer: (server: string) => tr('znodeOnServer', { server }),
  znodeOnlyOnLeader: (server: string) => tr('znodeOnlyOnLeader', { server }),
  linkTitle: (a: string, b: string, state: string) => tr('linkTitle', { a, b, state }),
  linkStateOneWay: (from: string, to: string) => tr('linkStateOneWay', { from, to }),
  groupName: (g: string) => tr('groupName', { g }),
  groupDrop: (g: string) => tr('groupDrop', { g }),
  serverMenu: (name: string) => tr('serverMenu', { name }),
  moveToGroup: (g: string) => tr('moveToGroup', { g }),
  addObserverFull: (max: number) => tr('addObserverFull', { max }),
  addVoterFull: (max: number) => tr('addVoterFull', { max }),
  eventLogCount: (shown: number, total: number) =>
    shown === total ? tr('eventLogCountAll', { total }) : tr('eventLogCountSome', { shown, total }),
  eventLogSeek: (time: string, text: string) => tr('eventLogSeek', { time, text }),
  ev: {
    started: (s: string) => tr('ev.started', { s }),
    killed: (s: string) => tr('ev.killed', { s }),
    crashed: (s: string, reason: string) => tr('ev.crashed', { s, reason }),
    wiped: (s: string) => tr('ev.wiped', { s }),
    partition: (groups: string[]) => tr('ev.partition', { groups: groups.map((g) => `{${g}}`).join(' | ') }),
    cut: (a: string, b: string, oneWay: boolean) => tr(oneWay ? 'ev.cutOneWay' : 'ev.cut', { a, b }),
    heal: (a: string, b: string, oneWay: boolean) => tr(oneWay ? 'ev.healOneWay' : 'ev.heal', { a, b }),
    get healAll() {
      return tr('ev.healAll');
    },
    clientConnects: (c: string, s: string) => tr('ev.clientConnects', { c, s }),
    clientSends: (c: string, what: string) => tr('ev.clientSends', { c, what }),
    action: (text: string) => tr('ev.action', { text }),
    request: (session: string, s: string, type: string, path: string) =>
      tr('ev.request', { session, s, type, path: path ? ` ${path}` : '' }),
    sessionEstablished: (c: string, session: string, s: string) => tr('ev.sessionEstablished', { c, session, s }),
    sessionRefused: (c: string, s: string) => tr('ev.sessionRefused', { c, s }),
    becomes: (s: string, state: string) => tr('ev.becomes', { s, state }),
    becomesBecause: (s: string, state: string, reason: string) => tr('ev.becomesBecause', { s, state, reason }),
    electionStart: (s: string, round: number, leader: string, zxid: string, epoch: string) =>
      tr('ev.electionStart', { s, round, leader, zxid, epoch }),
    electionStartNoVote: (s: string, round: number) => tr('ev.electionStartNoVote', { s, round }),
    votes: (s: string, leader: string, zxid: string, epoch: string) => tr('ev.votes', { s, leader, zxid, epoch }),
    elected: (s: string, leader: string, round: number) => tr('ev.elected', { s, leader, round }),
    zab: (s: string, text: string) => tr('ev.zab', { s, text }),
    established: (s: string, epoch: number) => tr('ev.established', { s, epoch }),
    synced: (learner: string, mode: string, leader: string, zxid: string) => tr('ev.synced', { learner, mode, leader, zxid }),
    proposes: (s: string, zxid: string) => tr('ev.proposes', { s, zxid }),
    commits: (s: string, zxid: string) => tr('ev.commits', { s, zxid }),
    applies: (s: string, zxid: string) => tr('ev.applies', { s, zxid }),
  },
  chartLabel: (name: string, state: string) => tr('chartLabel', { name, state }),
  fleVoteText: (leader: string, zxid: string, epoch: string, round: number) => tr('fleVoteText', { leader, zxid, epoch, round }),
  sessionText: (cnxn: string, session: string, timeout: number) => tr('sessionText', { cnxn, session, timeout }),
  watchesText: (data: number, child: number) =>
    tr('watchesText', { data: tr('watchesData', { count: data }), child: tr('watchesChild', { count: child }) }),
  diffTitle: (leader: string) => tr('diffTitle', { leader }),
  diffField: (field: string, mine: string, leaders: string) => tr('diffField', { field, mine, leaders }),
  diffZnodes: (missing: number, extra: number, changed: number) => tr('diffZnodes', { missing, extra, changed }),
  tabInvariantsRed: (n: number) => tr('tabInvariantsRed', { n }),
  invariantsSummary: (red: number, total: number) =>
    red === 0 ? tr('invariantsSummaryOk', { total }) : tr('invariantsSummaryBroken', { red, total }),
  invariantsChecked: (ms: number) => (ms < 0 ? tr('invariantsNotChecked') : tr('invariantsChecked', { seconds: seconds(ms, 3) })),
  invariantCount: (n: number) => tr('invariantCount', { n }),
  invariantBrokeAt: (ms: number, event: number) => tr('invariantBrokeAt', { seconds: seconds(ms, 3), event }),
  invariantServers: (names: string[]) => names.join(', '),
  timelineCanvasLabel: (lanes: number, drawn: number, t0: number, t1: number) =>
    tr('timelineCanvasLabel', { lanes, drawn, t0: seconds(Math.max(0, t0), 3), t1: seconds(t1, 3) }),
  timelineFamilyToggle: (family: string) => tr('timelineFamilyToggle', { family }),
  timelineTextMore: (n: number) => tr('timelineTextMore', { n }),
  timelineInFlight: (due: string) => tr('timelineInFlight', { due }),
  timelineDropped: (at: string, reason: string) => tr('timelineDropped', { at, reason: reason === '' ? '' : tr(`dropReasons.${reason}`) }),
};

type Fns = typeof fns;
type PlainKeys<R> = { [K in keyof R]: R[K] extends string ? K : never }[keyof R];
/** Groups of plain strings, read by a key known only at run time. */
interface Groups {
  stepTo: Record<string, string>;
  roleNames: Record<keyof Resources['roleNames'], string>;
  packetFamilies: Record<keyof Resources['packetFamilies'], string>;
  znodeDiffTitle: Record<keyof Resources['znodeDiffTitle'], string>;
  eventCategoryNames: Record<keyof Resources['eventCategoryNames'], string>;
  settingLabels: Record<keyof Resources['settingLabels'], string>;
  retryNames: Record<keyof Resources['retryNames'], string>;
  card: Record<keyof Resources['card'], string>;
  tabPanel: Record<keyof Resources['tabPanel'], string>;
  appTaglines: Record<keyof Resources['appTaglines'], string>;
}
export type Strings = Record<Exclude<PlainKeys<Resources>, keyof Fns>, string> & Groups & Fns;

/** Getters for every resource key (nested objects become objects of getters), in the current language. */
function getters(resources: object, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resources)) {
    const key = `${prefix}${k}`;
    if (typeof v === 'string') Object.defineProperty(out, k, { get: () => tr(key), enumerable: true, configurable: true });
    else out[k] = getters(v as object, `${key}.`);
  }
  return out;
}

/** The strings in use, in the current language (see ./i18n: `?lang=zh-CN` or the top bar's switcher). */
export const t = Object.defineProperties(getters(enResources, ''), Object.getOwnPropertyDescriptors(fns)) as unknown as Strings;
