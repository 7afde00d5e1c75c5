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
import type { LabRuntime } from '../worker/runtime.ts';
import { hexLong } from '../cli/zkcli/format.ts';
import { buildServerLog, serverLogKey, SyncFlashReader } from './inspector.ts';
import {
  CONSOLE_MAX_LINES, initialLabState, useLabStore, type ConsoleLine, type ConsoleLineKind, type ConsoleTab, type LabState,
  type NoticeKind,
} from './labStore.ts';
import { OpQueue } from './opQueue.ts';
import { buildServerCards, cutLinksOf, mergeServerCards } from './serverCards.ts';
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
  configErrors?: string[];
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
  useLabStore.setState({
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
    serverIds: [...voterIds(c), ...observerIds(c)],
  });
  if (opts.configErrors && opts.configErrors.length > 0) addNoticeLines('config', opts.configErrors);
  appendConsole(zkCliBanner().map((text) => ({ kind: 'out' as const, text })), DEFAULT_TAB);
  // zkCli connects to zk1 as soon as it starts; watch events between commands print as they come,
  // in the tab whose session received them.
  onZkCliAsyncOutput((lines, tab) => appendConsole(lines.map((text) => ({ kind: 'out' as const, text })), tab));
  void session.ops.run(async () => {
    const lines = await connectZkCli(runtime);
    appendConsole(lines.map((text) => ({ kind: 'out' as const, text })), DEFAULT_TAB);
    syncLab();
  });
  syncLab();
  return session;
}

/** Stops driving the runtime (does not dispose it: its owner does). */
export function disposeLab(): void {
  if (!current) return;
  current.playback.stop();
  if (current.runtime.onChange) current.runtime.onChange = null;
  current = null;
  resetZnodes(null);
  resetInvariants(null);
}

let syncFlashes = new SyncFlashReader();
let serverLogKeyNow = '';

/** What a console tab shows about its zkCli and client, from the bridge. */
function tabPatch(tab: ConsoleTab): ConsoleTab | null {
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
  const servers = mergeServerCards(s.servers, buildServerCards(sim));
  if (servers) patch.servers = servers;
  const cuts = cutLinksOf(sim);
  if (cuts.key !== s.cutKey) {
    patch.cutLinks = cuts.links;
    patch.cutKey = cuts.key;
  }
  if (runtime.generation !== s.generation) patch.generation = runtime.generation;
  let tabsChanged = false;
  const tabs = s.consoleTabs.map((tab) => {
    const next = tabPatch(tab);
    if (!next) return tab;
    tabsChanged = true;
    return next;
  });
  if (tabsChanged) patch.consoleTabs = tabs;
  const flashes = syncFlashes.read(sim);
  if (flashes !== s.syncFlashes) patch.syncFlashes = flashes;
  const slot = s.selectedSid === null ? undefined : sim.servers.get(s.selectedSid);
  const logKey = slot ? serverLogKey(slot, runtime.generation) : '';
  if (logKey !== serverLogKeyNow) {
    serverLogKeyNow = logKey;
    patch.serverLog = slot ? buildServerLog(slot) : null;
  }
  if (Object.keys(patch).length > 0) useLabStore.setState(patch);
  pokeZnodes();
  pokeInvariants();
}

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

export function addNoticeLines(kind: NoticeKind, lines: string[]): number {
  const id = nextNoticeId++;
  useLabStore.setState((s) => ({ notices: [...s.notices, { id, kind, lines }] }));
  return id;
}
