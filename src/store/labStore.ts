/**
 * The UI's state: one zustand store made of slices (docs/architecture.md). It holds what React renders —
 * console lines, playback state, server cards, the selection, notices — never the simulation's
 * event stream: moving packets are drawn by the frame loop straight from `runtime.sim`.
 *
 * Components read it through selectors (`useLabStore(selectX)`, `useShallow` for objects);
 * everything that changes it is a verb in ./actions.ts, callable from outside React.
 */
import { create, type StateCreator } from 'zustand';
import type { StructuredText } from '../sim/module.ts';
import type { Sid } from '../protocol/types.ts';
import type { ServerCard } from './serverCards.ts';
import type { ZnodeDetails, ZnodeTreeModel } from './znodeModel.ts';
import { protocolSlice, type ProtocolSlice } from './protocolSlice.ts';

// ------------------------------------------------------------------ console

export type ConsoleLineKind = 'echo' | 'out' | 'error' | 'info';

export interface ConsoleLine {
  id: number;
  kind: ConsoleLineKind;
  text: string;
}

/** One console tab: its own zkCli, client session and server, output and history. */
export interface ConsoleTab {
  id: number;
  lines: ConsoleLine[];
  /** Commands entered in this tab, oldest first (for ↑/↓). */
  history: string[];
  /** zkCli's prompt as it is now (the session layer changes it). */
  prompt: string;
  /** `zk2:2181`: what the tab's zkCli is connected (or connecting) to. */
  host: string;
  /** The server its client is connected to (null before it connects or after it closed). */
  sid: Sid | null;
  /** The client's state as zkCli names it (CONNECTED, CONNECTING, CLOSED …). */
  state: string;
  /** The session id as ZooKeeper prints it (`0x…`), once the server granted one. */
  sessionId: string | null;
  /** Commands entered in this tab but not finished yet. */
  pending: number;
}

export interface ConsoleSlice {
  /** In the order they were opened; the first is the default tab (it cannot be closed). */
  consoleTabs: ConsoleTab[];
  activeConsoleTab: number;
}

/** The console keeps this many lines per tab; older ones scroll away. */
export const CONSOLE_MAX_LINES = 5000;

export function newConsoleTab(id: number, host: string): ConsoleTab {
  return { id, lines: [], history: [], prompt: '', host, sid: null, state: 'CONNECTING', sessionId: null, pending: 0 };
}

const consoleSlice: StateCreator<LabState, [], [], ConsoleSlice> = () => ({
  consoleTabs: [newConsoleTab(1, 'zk1:2181')],
  activeConsoleTab: 1,
});

// ------------------------------------------------------------------ playback

export interface PlaybackSlice {
  paused: boolean;
  /** Simulated ms per wall ms, 0.1–100. */
  speed: number;
}

const playbackSlice: StateCreator<LabState, [], [], PlaybackSlice> = () => ({
  paused: false,
  speed: 1,
});

// ------------------------------------------------------------------ cluster

export interface EnsembleInfo {
  voters: Sid[];
  observers: Sid[];
  seed: string;
  tickTime: number;
  initLimit: number;
  syncLimit: number;
  latencyMs: number;
  latencySpreadMs: number;
}

export interface ClusterSlice {
  ensemble: EnsembleInfo;
  /** Voters then observers, in sid order. */
  serverIds: Sid[];
  /** Server cards by sid; a card object changes only when what it shows changes. */
  servers: Record<Sid, ServerCard>;
  /** Directed cut links [from, to]. */
  cutLinks: Array<[Sid, Sid]>;
  cutKey: string;
  /** Bumped when the runtime replaced its simulation (a rewind). */
  generation: number;
}

const clusterSlice: StateCreator<LabState, [], [], ClusterSlice> = () => ({
  ensemble: { voters: [], observers: [], seed: '', tickTime: 0, initLimit: 0, syncLimit: 0, latencyMs: 0, latencySpreadMs: 0 },
  serverIds: [],
  servers: {},
  cutLinks: [],
  cutKey: '',
  generation: 0,
});

// ------------------------------------------------------------------ selection

export interface SelectionSlice {
  selectedSid: Sid | null;
}

const selectionSlice: StateCreator<LabState, [], [], SelectionSlice> = () => ({
  selectedSid: null,
});

// ------------------------------------------------------------------ znode tree

/** Why the tree view has no tree to draw, or `ready`. */
export type ZnodeTreeStatus = 'loading' | 'down' | 'no-database' | 'ready';

export interface ZnodeSlice {
  /** The server whose tree is shown; null follows the active console tab's server. */
  znodeChoice: Sid | null;
  /** The server shown now. */
  znodeSid: Sid;
  znodeStatus: ZnodeTreeStatus;
  znodeTree: ZnodeTreeModel | null;
  selectedZnode: string | null;
  znodeDetails: ZnodeDetails | null;
  /** Paths the reader collapsed (true) or expanded (false) by hand; others follow the defaults. */
  znodeToggles: Record<string, boolean>;
}

const znodeSlice: StateCreator<LabState, [], [], ZnodeSlice> = () => ({
  znodeChoice: null,
  znodeSid: 1,
  znodeStatus: 'loading',
  znodeTree: null,
  selectedZnode: null,
  znodeDetails: null,
  znodeToggles: {},
});

// ------------------------------------------------------------------ inspector

/** The sync mode a leader chose for a learner, shown on the learner's card for a while. */
export interface SyncFlash {
  mode: string;
  leader: string;
  /** Simulated ms when the leader chose it. */
  at: number;
}

export interface LogRow {
  zxid: string;
  type: string;
  /** The path it writes, the session it opens/closes, or ''. */
  target: string;
  committed: boolean;
}

export interface ServerLogView {
  sid: Sid;
  rows: LogRow[];
  /** Entries older than the rows shown. */
  earlier: number;
  snapshotZxid: string;
  /** The committed part ends here (null: unknown, the server is down). */
  lastCommitted: string | null;
}

export interface InspectorSlice {
  syncFlashes: Record<Sid, SyncFlash>;
  serverLog: ServerLogView | null;
}

const inspectorSlice: StateCreator<LabState, [], [], InspectorSlice> = () => ({
  syncFlashes: {},
  serverLog: null,
});

// ------------------------------------------------------------------ notices

export type NoticeKind = 'config' | 'error' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  /** Raw details (e.g. the URL settings that were ignored); the UI words the heading. */
  lines: string[];
  /** The same details as structured text (an i18n key and values), when they have one: the UI renders these. */
  texts?: StructuredText[];
}

export interface NoticeSlice {
  notices: Notice[];
}

const noticeSlice: StateCreator<LabState, [], [], NoticeSlice> = () => ({
  notices: [],
});

// ------------------------------------------------------------------ the store

export type LabState = ConsoleSlice & PlaybackSlice & ClusterSlice & SelectionSlice & NoticeSlice & ZnodeSlice & InspectorSlice & ProtocolSlice;

export const useLabStore = create<LabState>()((...a) => ({
  ...consoleSlice(...a),
  ...playbackSlice(...a),
  ...clusterSlice(...a),
  ...selectionSlice(...a),
  ...noticeSlice(...a),
  ...znodeSlice(...a),
  ...inspectorSlice(...a),
  ...protocolSlice(...a),
}));

/** The initial state, for tests and for a new lab. */
export const initialLabState: LabState = useLabStore.getState();

// ------------------------------------------------------------------ selectors

const NO_LINES: ConsoleLine[] = [];
const NO_HISTORY: string[] = [];
export const selectConsoleTabs = (s: LabState): ConsoleTab[] => s.consoleTabs;
export const selectActiveConsoleTab = (s: LabState): number => s.activeConsoleTab;
export const selectActiveTab = (s: LabState): ConsoleTab | undefined => s.consoleTabs.find((t) => t.id === s.activeConsoleTab);
export const selectConsoleLines = (s: LabState): ConsoleLine[] => selectActiveTab(s)?.lines ?? NO_LINES;
export const selectHistory = (s: LabState): string[] => selectActiveTab(s)?.history ?? NO_HISTORY;
export const selectPrompt = (s: LabState): string => selectActiveTab(s)?.prompt ?? '';
export const selectPendingCommands = (s: LabState): number => selectActiveTab(s)?.pending ?? 0;
export const selectPaused = (s: LabState): boolean => s.paused;
export const selectSpeed = (s: LabState): number => s.speed;
export const selectEnsemble = (s: LabState): EnsembleInfo => s.ensemble;
export const selectServerIds = (s: LabState): Sid[] => s.serverIds;
export const selectServerCard = (sid: Sid) => (s: LabState): ServerCard | undefined => s.servers[sid];
export const selectCutLinks = (s: LabState): Array<[Sid, Sid]> => s.cutLinks;
export const selectSelectedSid = (s: LabState): Sid | null => s.selectedSid;
export const selectSelectedServer = (s: LabState): ServerCard | undefined =>
  s.selectedSid === null ? undefined : s.servers[s.selectedSid];
export const selectNotices = (s: LabState): Notice[] => s.notices;
export const selectGeneration = (s: LabState): number => s.generation;
export const selectZnodeTree = (s: LabState): ZnodeTreeModel | null => s.znodeTree;
export const selectZnodeStatus = (s: LabState): ZnodeTreeStatus => s.znodeStatus;
export const selectZnodeSid = (s: LabState): Sid => s.znodeSid;
export const selectZnodeChoice = (s: LabState): Sid | null => s.znodeChoice;
export const selectSelectedZnode = (s: LabState): string | null => s.selectedZnode;
export const selectZnodeDetails = (s: LabState): ZnodeDetails | null => s.znodeDetails;
export const selectZnodeToggles = (s: LabState): Record<string, boolean> => s.znodeToggles;
export const selectSyncFlash = (sid: Sid) => (s: LabState): SyncFlash | undefined => s.syncFlashes[sid];
export const selectServerLog = (s: LabState): ServerLogView | null => s.serverLog;
