/**
 * The lab session: the runtime the page runs, the queue every operation on it goes through, and
 * the playback machine. The app creates the runtime (with its host) and hands it to `initLab`;
 * from then on the store's verbs (./actions.ts) and the frame loop (./frameLoop.ts) drive it.
 */
import { createActor, type Actor } from 'xstate';
import type { LabController } from '../cli/lab.ts';
import { playbackMachine } from '../machines/playbackMachine.ts';
import { observerIds, voterIds } from '../protocol/config.ts';
import { zkSim } from '../protocol/zookeeper.ts';
import type { UrlProblem } from '../protocol/config.ts';
import type { StructuredText } from '../sim/module.ts';
import type { LabRuntime } from '../worker/runtime.ts';
import { hexLong } from '../cli/zkcli/format.ts';
import { buildServerLog, serverLogKey, SyncFlashReader } from './inspector.ts';
import {
  CONSOLE_MAX_LINES, initialLabState, useLabStore, type ConsoleLine, type ConsoleLineKind, type ConsoleTab, type LabState,
  type NoticeKind,
} from './labStore.ts';
import { OpQueue } from './opQueue.ts';
import { protocolInfo } from './protocolSlice.ts';
import { buildProcessCards, mergeProcessCards, PanelReader, ReplyReader } from './protocolSync.ts';
import type { ProtocolId } from '../protocol/config.ts';
import { buildServerCards, cutLinksOf, liveMembers, mergeServerCards, type CardCache } from './serverCards.ts';
import { pokeInvariants, refreshInvariants, resetInvariants, useInvariantsStore } from './invariants.ts';
import { pokeZnodes, resetZnodes } from './znodes.ts';
import {
  connectZkCli, consoleClient, DEFAULT_TAB, onZkCliAsyncOutput, resetZkCliTabs, zkCliBanner, zkCliHost, zkCliPrompt,
} from './zkcliBridge.ts';

export interface LabSession {
  readonly runtime: LabRuntime;
  /** Every operation on the runtime runs through here, one at a time. */
  readonly ops: OpQueue;
  readonly playback: Actor<typeof playbackMachine>;
  /** What `lab …` commands drive: the runtime, with pause/play routed through the playback machine. */
  readonly controller: LabController;
  /** Something changed in the runtime since the store last looked. */
  dirty: boolean;
}

export interface InitLabOptions {
  /** Settings from the URL that were not accepted (shown as a notice). */
  /** What was wrong with the link's settings (src/protocol/config.ts UrlProblem): shown as a notice. */
  configErrors?: UrlProblem[];
  paused?: boolean;
  speed?: number;
}

let current: LabSession | null = null;

export function currentSession(): LabSession | null {
  return current;
}

export function requireSession(): LabSession {
  if (!current) throw new Error('no lab: call initLab(runtime) first');
  return current;
}

/** Takes over a runtime: the store now shows it, and the store's verbs drive it. */
export function initLab(runtime: LabRuntime, opts: InitLabOptions = {}): LabSession {
  disposeLab();
  useLabStore.setState(initialLabState, true);
  resetZkCliTabs();
  syncFlashes = new SyncFlashReader();
  serverLogKeyNow = '';
  const playback = createActor(playbackMachine, { input: { paused: opts.paused ?? false, speed: opts.speed ?? 1 } });
  const controller: LabController = {
    get sim() {
      return runtime.sim;
    },
    config: runtime.config,
    protocol: runtime.protocol,
    invariantStatus: async () => {
      const own = runtime.invariantStatus();
      if (own) return own;
      // ZooKeeper's checker needs the servers' whole states: the panel's sampler takes them from the workers.
      await refreshInvariants();
      return useInvariantsStore.getState().rows;
    },
    apply: (action) => runtime.apply(action),
    runFor: (ms) => runtime.runFor(ms),
    stepEvents: (n) => runtime.stepEvents(n),
    back: (n) => runtime.back(n),
    seek: (ms) => runtime.seek(ms),
    stepToNext: (kinds) => runtime.stepToNext(kinds),
    branchList: () => runtime.branchList(),
    // `lab sweep` in the console: throwaway runs (the timeline is untouched).
    sweep: (voters, observers, shares) => runtime.sweep(voters, observers, shares),
    switchBranch: (id) => runtime.switchBranch(id),
    pause: () => playback.send({ type: 'PAUSE' }),
    play: () => playback.send({ type: 'PLAY' }),
    isPaused: () => runtime.isPaused(),
  };
  const session: LabSession = { runtime, ops: new OpQueue(), playback, controller, dirty: true };
  current = session;
  resetZnodes(session);
  resetInvariants(session);

  // The machine is the one source of truth for playing/paused; the runtime mirrors it.
  playback.subscribe((snap) => {
    const paused = snap.matches('paused');
    if (paused !== runtime.isPaused()) {
      if (paused) runtime.pause();
      else runtime.play();
    }
    const s = useLabStore.getState();
    if (s.paused !== paused || s.speed !== snap.context.speed) useLabStore.setState({ paused, speed: snap.context.speed });
  });
  playback.start();
  runtime.onChange = () => {
    session.dirty = true;
  };

  const c = runtime.config;
  protocolViews = {
    replies: new ReplyReader((sid, reply) => runtime.protocol.replyText(runtime.sim, sid, reply)),
    panels: new PanelReader(runtime.protocol, runtime.setup),
    panelsAt: -Infinity,
    panelTimer: null,
  };
  useLabStore.setState({
    protocol: protocolInfo(runtime.protocol, c, runtime.setup, runtime.hasOwnChecker),
    ensemble: {
      voters: voterIds(c),
      observers: observerIds(c),
      seed: String(c.seed),
      tickTime: c.tickTime,
      initLimit: c.initLimit,
      syncLimit: c.syncLimit,
      latencyMs: c.latencyMs,
      latencySpreadMs: c.latencySpreadMs,
    },
    serverIds: [...runtime.setup.ids],
  });
  if (opts.configErrors && opts.configErrors.length > 0) addNoticeLines('config', opts.configErrors.map((p) => p.text), opts.configErrors);
  if (runtime.protocol.hasZkCli) startZkCli(session);
  else startProtocolConsole(session);
  syncLab();
  return session;
}

/** The console of a ZooKeeper lab: zkCli, connected to zk1 as `zkCli.sh -server zk1:2181` would be. */
function startZkCli(session: LabSession): void {
  appendConsole(zkCliBanner().map((text) => ({ kind: 'out' as const, text })), DEFAULT_TAB);
  // zkCli connects to zk1 as soon as it starts; watch events between commands print as they come,
  // in the tab whose session received them.
  onZkCliAsyncOutput((lines, tab) => appendConsole(lines.map((text) => ({ kind: 'out' as const, text })), tab));
  void session.ops.run(async () => {
    const lines = await connectZkCli(session.runtime);
    appendConsole(lines.map((text) => ({ kind: 'out' as const, text })), DEFAULT_TAB);
    syncLab();
  });
}

/** The console of a lab without zkCli: the protocol's own commands and the `lab` commands; it says which. */
function startProtocolConsole(session: LabSession): void {
  const { runtime } = session;
  const p = runtime.protocol;
  const names = runtime.setup.ids.map((id) => runtime.setup.name(id));
  appendConsole(
    [
      { kind: 'out', text: `${p.title} lab: ${names.join(' ')} (seed ${String(runtime.config.seed)})` },
      ...p.usage.map((text) => ({ kind: 'out' as const, text })),
      { kind: 'out', text: 'lab help   (the lab commands: kill, start, partition, run, step, back, status, invariants …)' },
    ],
    DEFAULT_TAB,
  );
}

/** The prompt a console tab shows: zkCli's, or the protocol's (`[paxos] `). */
export function consolePrompt(tab: number = DEFAULT_TAB): string {
  const session = current;
  if (session && !session.runtime.protocol.hasZkCli) return `[${session.runtime.protocol.id}] `;
  return zkCliPrompt(tab);
}

/** The processes' replies printed since the last call (protocols without zkCli; zkCli prints its own). */
export function flushReplies(): void {
  const session = current;
  const v = protocolViews;
  if (!session || !v || session.runtime.protocol.hasZkCli) return;
  const lines = v.replies.read(session.runtime.sim.trace);
  if (lines.length > 0) appendConsole(lines.map((text) => ({ kind: 'out' as const, text })), DEFAULT_TAB);
}

/** The protocol panels' data changes at most this often while the lab plays (wall ms). */
export const PANEL_INTERVAL_MS = 150;

/** Reads the protocol panels now, or (throttled) a little later: never one React update per frame. */
function syncPanels(): void {
  const session = current;
  const v = protocolViews;
  if (!session || !v || v.panels.empty) return;
  const wall = performance.now();
  const wait = v.panelsAt + PANEL_INTERVAL_MS - wall;
  if (wait > 0 && !session.runtime.isPaused()) {
    v.panelTimer ??= setTimeout(() => {
      if (protocolViews !== v) return;
      v.panelTimer = null;
      syncPanels();
    }, wait);
    return;
  }
  v.panelsAt = wall;
  const changed = v.panels.read(session.runtime.sim);
  if (changed) useLabStore.setState((s) => ({ panelData: { ...s.panelData, ...changed } }));
}

/** Stops driving the runtime (does not dispose it: its owner does). */
export function disposeLab(): void {
  if (protocolViews?.panelTimer) clearTimeout(protocolViews.panelTimer);
  protocolViews = null;
  if (!current) return;
  current.playback.stop();
  if (current.runtime.onChange) current.runtime.onChange = null;
  current = null;
  resetZnodes(null);
  resetInvariants(null);
}

/** What the session reads from the world for the generic views (null: no lab). */
let protocolViews: { replies: ReplyReader; panels: PanelReader; panelsAt: number; panelTimer: ReturnType<typeof setTimeout> | null } | null = null;

let syncFlashes = new SyncFlashReader();
let serverLogKeyNow = '';

/** What a console tab shows about its zkCli and client, from the bridge (outside zkCli: the protocol's prompt). */
function tabPatch(tab: ConsoleTab, protocol: LabRuntime['protocol']): ConsoleTab | null {
  if (!protocol.hasZkCli) {
    const prompt = `[${protocol.id}] `;
    if (prompt === tab.prompt && tab.host === protocol.title && tab.state === 'CONNECTED') return null;
    return { ...tab, prompt, host: protocol.title, sid: null, state: 'CONNECTED', sessionId: null };
  }
  const client = consoleClient(tab.id);
  const prompt = zkCliPrompt(tab.id);
  const host = zkCliHost(tab.id);
  const sid = client?.server ?? null;
  const state = client ? client.getState() : 'CONNECTING';
  const session = client?.sessionId ?? null;
  const sessionId = session === null ? null : hexLong(session);
  if (prompt === tab.prompt && host === tab.host && sid === tab.sid && state === tab.state && sessionId === tab.sessionId) return null;
  return { ...tab, prompt, host, sid, state, sessionId };
}

/** Copies what the UI shows from the runtime into the store, touching only what changed. */
export function syncLab(): void {
  const session = current;
  if (!session) return;
  session.dirty = false;
  const { runtime } = session;
  const sim = zkSim(runtime.sim);
  const s = useLabStore.getState();
  const patch: Partial<ReturnType<typeof useLabStore.getState>> = {};
  CARDS[runtime.protocol.id](runtime, s, patch);
  // The world's processes: a server added while it runs (`lab add`) joins the ring; a rewind to
  // before it took it away again.
  if (runtime.sim.servers.size !== s.serverIds.length || s.serverIds.some((id) => !runtime.sim.servers.has(id))) {
    const ids = [...runtime.sim.servers.keys()].sort((a, b) => a - b);
    patch.serverIds = ids;
    patch.protocol = { ...s.protocol, ids, names: Object.fromEntries(ids.map((id) => [id, runtime.sim.name(id)])) };
  }
  const cuts = cutLinksOf(sim);
  if (cuts.key !== s.cutKey) {
    patch.cutLinks = cuts.links;
    patch.cutKey = cuts.key;
  }
  if (runtime.generation !== s.generation) patch.generation = runtime.generation;
  let tabsChanged = false;
  const tabs = s.consoleTabs.map((tab) => {
    const next = tabPatch(tab, runtime.protocol);
    if (!next) return tab;
    tabsChanged = true;
    return next;
  });
  if (tabsChanged) patch.consoleTabs = tabs;
  if (runtime.protocol.hasZkCli) {
    // ZooKeeper's servers: the sync modes leaders chose, the selected server's transaction log.
    const flashes = syncFlashes.read(sim);
    if (flashes !== s.syncFlashes) patch.syncFlashes = flashes;
    const slot = s.selectedSid === null ? undefined : sim.servers.get(s.selectedSid);
    const logKey = slot ? serverLogKey(slot, runtime.generation) : '';
    if (logKey !== serverLogKeyNow) {
      serverLogKeyNow = logKey;
      patch.serverLog = slot ? buildServerLog(slot) : null;
    }
  }
  if (Object.keys(patch).length > 0) useLabStore.setState(patch);
  if (runtime.protocol.hasZkCli) pokeZnodes();
  else flushReplies();
  syncPanels();
  pokeInvariants();
}

type CardSync = (runtime: LabRuntime, s: LabState, patch: Partial<LabState>) => void;

/** ZooKeeper's server cards (votes, epochs, zxids, ZAB phase). */
let cardCache: CardCache = new Map();
let cardCacheSim: unknown = null;
const zkCards: CardSync = (runtime, s, patch) => {
  // Views are copied per step: a slot showing the same view object as last time has the same card.
  if (cardCacheSim !== runtime.sim) {
    cardCacheSim = runtime.sim;
    cardCache = new Map();
  }
  const servers = mergeServerCards(s.servers, buildServerCards(zkSim(runtime.sim), cardCache));
  if (servers) patch.servers = servers;
  // The header counts the live configuration's members (after reconfigs), not the opening ones.
  const live = liveMembers(zkSim(runtime.sim));
  if (String(live.voters) !== String(s.ensemble.voters) || String(live.observers) !== String(s.ensemble.observers)) {
    patch.ensemble = { ...s.ensemble, voters: live.voters, observers: live.observers };
  }
};

/** The generic process cards, from the protocol's processCard. */
const processCards: CardSync = (runtime, s, patch) => {
  const cards = mergeProcessCards(s.processCards, buildProcessCards(runtime.sim, runtime.protocol));
  if (cards) patch.processCards = cards;
};

/** Which cards each protocol's ring shows (a table, never a test of which protocol runs). */
const CARDS: Record<ProtocolId, CardSync> = { zookeeper: zkCards, paxos: processCards, multipaxos: processCards, '2pc': processCards, '3pc': processCards };

let nextLineId = 1;

/** Changes one console tab (by id) in the store. */
export function updateConsoleTab(id: number, fn: (tab: ConsoleTab) => Partial<ConsoleTab>): void {
  useLabStore.setState((s: LabState) => ({ consoleTabs: s.consoleTabs.map((t) => (t.id === id ? { ...t, ...fn(t) } : t)) }));
}

/** Prints lines in a console tab (the active one unless given). */
export function appendConsole(lines: Array<{ kind: ConsoleLineKind; text: string }>, tab?: number): void {
  if (lines.length === 0) return;
  const id = tab ?? useLabStore.getState().activeConsoleTab;
  const added: ConsoleLine[] = lines.map((l) => ({ id: nextLineId++, kind: l.kind, text: l.text }));
  updateConsoleTab(id, (t) => {
    const all = t.lines.concat(added);
    return { lines: all.length > CONSOLE_MAX_LINES ? all.slice(all.length - CONSOLE_MAX_LINES) : all };
  });
}

let nextNoticeId = 1;

export function addNoticeLines(kind: NoticeKind, lines: string[], texts?: StructuredText[]): number {
  const id = nextNoticeId++;
  useLabStore.setState((s) => ({ notices: [...s.notices, texts ? { id, kind, lines, texts } : { id, kind, lines }] }));
  return id;
}
