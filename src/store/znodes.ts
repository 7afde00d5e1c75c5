/**
 * Keeps the znode tree view (and Tab completion) supplied with DataTrees. A server's tree lives in
 * its worker, so it is fetched as a snapshot — through the session's operation queue, only when
 * something that can change it changed (its last processed zxid, role, incarnation, the clients
 * connected to it, a console command that may have set a watch), and at most every
 * FETCH_INTERVAL_MS of wall time: never per frame. Fetched: the server the view shows, the leader
 * (to compare with) and the active console tab's server (for completion).
 */
import type { DataTree } from '../protocol/datatree/types.ts';
import type { Sid } from '../protocol/types.ts';
import type { WatchManager } from '../protocol/watch/WatchManager.ts';
import type { Simulation } from '../sim/simulation.ts';
import { zkSim, type ZkSimulation } from '../protocol/zookeeper.ts';
import { useLabStore, type LabState, type ZnodeTreeStatus } from './labStore.ts';
import type { OpQueue } from './opQueue.ts';
import { buildZnodeModel, childNames, znodeDetails } from './znodeModel.ts';

/** At most one round of snapshots per this much wall time (while the tree view is shown). */
export const FETCH_INTERVAL_MS = 250;
/** While the tree view is hidden only the console tab's server is kept (for Tab completion), this often. */
export const HIDDEN_FETCH_INTERVAL_MS = 1000;

export interface ZnodeSource {
  readonly runtime: { readonly sim: Simulation; readonly generation: number };
  readonly ops: OpQueue;
}

interface Cached {
  key: string;
  up: boolean;
  tree: DataTree | null;
  watches: WatchManager | null;
}

const cache = new Map<Sid, Cached>();
let inFlight = false;
let lastFetchWall = -Infinity;
let timer: ReturnType<typeof setTimeout> | null = null;
let watchBump = 0;
let builtKey = '';
let source: ZnodeSource | null = null;
/** Is the znode tree view on screen (ZnodeTree mounted)? */
let viewShown = false;

const wallNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Forgets every fetched tree (a new lab). */
export function resetZnodes(src: ZnodeSource | null): void {
  cache.clear();
  inFlight = false;
  lastFetchWall = -Infinity;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  builtKey = '';
  source = src;
}

/**
 * The tree view appeared or went away (another lower tab chosen). Hidden, only the active console
 * tab's server is fetched (for Tab completion), and less often: no snapshots for what nobody sees.
 */
export function setZnodeViewShown(shown: boolean): void {
  if (viewShown === shown) return;
  viewShown = shown;
  if (shown) {
    rebuildZnodeView(true);
    pokeZnodes();
  }
}

/** Something may have changed watches without a new zxid (a console command ran): look again. */
export function bumpZnodeWatches(): void {
  watchBump++;
}

/** The leader to compare with: a LEADING server in BROADCAST (else any LEADING one). */
export function leaderOf(sim: ZkSimulation): Sid | null {
  let any: Sid | null = null;
  for (const slot of sim.servers.values()) {
    if (!slot.up || slot.view?.state !== 'LEADING') continue;
    if (slot.view.zab.phase === 'BROADCAST') return slot.sid;
    any ??= slot.sid;
  }
  return any;
}

/** The server the tree view shows: the chosen one, else the active console tab's server, else zk1. */
export function shownZnodeSid(s: LabState): Sid {
  if (s.znodeChoice !== null) return s.znodeChoice;
  const tab = s.consoleTabs.find((t) => t.id === s.activeConsoleTab);
  return tab?.sid ?? 1;
}

function activeTabSid(s: LabState): Sid | null {
  return s.consoleTabs.find((t) => t.id === s.activeConsoleTab)?.sid ?? null;
}

function keyOf(src: ZnodeSource, sid: Sid): string {
  const sim = zkSim(src.runtime.sim);
  const slot = sim.servers.get(sid);
  if (!slot) return 'none';
  const v = slot.up ? slot.view : null;
  let clients = '';
  for (const [cid, c] of sim.clients) if (c.server === sid) clients += `${cid}:${c.state} `;
  return [src.runtime.generation, slot.up, slot.incarnation, v?.state, v?.zab.phase, v?.zab.lastProcessedZxid, clients, watchBump].join('|');
}

function wanted(src: ZnodeSource, all = viewShown): Sid[] {
  const s = useLabStore.getState();
  const out = new Set<Sid>();
  if (all) {
    out.add(shownZnodeSid(s));
    const leader = leaderOf(zkSim(src.runtime.sim));
    if (leader !== null) out.add(leader);
  }
  const tab = activeTabSid(s);
  if (tab !== null) out.add(tab);
  return [...out].filter((sid) => zkSim(src.runtime.sim).servers.has(sid));
}

/**
 * Called whenever the lab changed (syncLab) or the view's choice changed: fetches what is stale
 * (throttled, through the queue) and rebuilds the view's model from what is cached.
 */
export function pokeZnodes(): void {
  const src = source;
  if (!src) return;
  const stale = wanted(src).some((sid) => cache.get(sid)?.key !== keyOf(src, sid));
  if (!stale || inFlight) {
    if (viewShown) rebuildZnodeView();
    return;
  }
  const wait = lastFetchWall + (viewShown ? FETCH_INTERVAL_MS : HIDDEN_FETCH_INTERVAL_MS) - wallNow();
  if (wait > 0) {
    timer ??= setTimeout(() => {
      timer = null;
      pokeZnodes();
    }, wait);
    if (viewShown) rebuildZnodeView();
    return;
  }
  inFlight = true;
  src.ops
    .run(async () => {
      for (const sid of wanted(src)) {
        const key = keyOf(src, sid);
        if (cache.get(sid)?.key === key) continue;
        const peer = await zkSim(src.runtime.sim).peek(sid);
        cache.set(sid, { key, up: peer !== null, tree: peer?.zab.db?.tree ?? null, watches: peer?.server.watches ?? null });
      }
    })
    .catch((e: unknown) => console.error(e))
    .finally(() => {
      inFlight = false;
      lastFetchWall = wallNow();
      if (source !== src) return;
      if (viewShown) rebuildZnodeView();
      pokeZnodes();
    });
}

/** Resolves once every tree the view wants is fetched and current (for tests and completion). */
export async function refreshZnodes(): Promise<void> {
  const src = source;
  if (!src) return;
  await src.ops.run(async () => {
    for (const sid of wanted(src, true)) {
      const key = keyOf(src, sid);
      if (cache.get(sid)?.key === key) continue;
      const peer = await zkSim(src.runtime.sim).peek(sid);
      cache.set(sid, { key, up: peer !== null, tree: peer?.zab.db?.tree ?? null, watches: peer?.server.watches ?? null });
    }
  });
  rebuildZnodeView();
}

/** Rebuilds the view's model (and the selected node's details) when what it depends on changed. */
export function rebuildZnodeView(force = false): void {
  const src = source;
  if (!src) return;
  const s = useLabStore.getState();
  const sid = shownZnodeSid(s);
  const leader = leaderOf(zkSim(src.runtime.sim));
  const mine = cache.get(sid);
  const theirs = leader === null ? undefined : cache.get(leader);
  const key = [sid, mine?.key, leader, theirs?.key, s.selectedZnode].join('#');
  if (!force && key === builtKey) return;
  builtKey = key;
  let status: ZnodeTreeStatus;
  if (!mine) status = 'loading';
  else if (!mine.up) status = 'down';
  else if (!mine.tree) status = 'no-database';
  else status = 'ready';
  const model = mine?.tree
    ? buildZnodeModel(sid, mine.tree, mine.watches, leader !== null && theirs?.tree ? { sid: leader, tree: theirs.tree } : null)
    : null;
  let details = null;
  const path = s.selectedZnode;
  if (path !== null && mine?.tree) {
    details = znodeDetails(sid, path, mine.tree) ?? (theirs?.tree ? znodeDetails(sid, path, theirs.tree, false) : null);
  }
  useLabStore.setState({ znodeSid: sid, znodeStatus: status, znodeTree: model, znodeDetails: details });
}

/**
 * The child names of `path` on server `sid`, from the last fetched tree (null when that server's
 * tree has not been fetched). For Tab completion.
 */
export function cachedChildNames(sid: Sid, path: string): string[] | null {
  const tree = cache.get(sid)?.tree;
  return tree ? childNames(tree, path) : null;
}
