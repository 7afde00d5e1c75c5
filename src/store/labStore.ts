/**
 * The UI's state: one zustand store made of slices (DESIGN.md §3). It holds what React renders —
 * console lines, playback state, server cards, the selection, notices — never the simulation's
 * event stream: moving packets are drawn by the frame loop straight from `runtime.sim`.
 *
 * Components read it through selectors (`useLabStore(selectX)`, `useShallow` for objects);
 * everything that changes it is a verb in ./actions.ts, callable from outside React.
 */
import { create, type StateCreator } from 'zustand';
import type { Sid } from '../protocol/types.ts';
import type { ServerCard } from './serverCards.ts';

// ------------------------------------------------------------------ console

export type ConsoleLineKind = 'echo' | 'out' | 'error' | 'info';

export interface ConsoleLine {
  id: number;
  kind: ConsoleLineKind;
  text: string;
}

export interface ConsoleSlice {
  consoleLines: ConsoleLine[];
  /** Commands entered, oldest first (for ↑/↓). */
  history: string[];
  /** zkCli's prompt as it is now (the session layer changes it). */
  prompt: string;
  /** Commands entered but not finished yet. */
  pendingCommands: number;
}

/** The console keeps this many lines; older ones scroll away. */
export const CONSOLE_MAX_LINES = 5000;

const consoleSlice: StateCreator<LabState, [], [], ConsoleSlice> = () => ({
  consoleLines: [],
  history: [],
  prompt: '',
  pendingCommands: 0,
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

// ------------------------------------------------------------------ notices

export type NoticeKind = 'config' | 'error' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  /** Raw details (e.g. the URL settings that were ignored); the UI words the heading. */
  lines: string[];
}

export interface NoticeSlice {
  notices: Notice[];
}

const noticeSlice: StateCreator<LabState, [], [], NoticeSlice> = () => ({
  notices: [],
});

// ------------------------------------------------------------------ the store

export type LabState = ConsoleSlice & PlaybackSlice & ClusterSlice & SelectionSlice & NoticeSlice;

export const useLabStore = create<LabState>()((...a) => ({
  ...consoleSlice(...a),
  ...playbackSlice(...a),
  ...clusterSlice(...a),
  ...selectionSlice(...a),
  ...noticeSlice(...a),
}));

/** The initial state, for tests and for a new lab. */
export const initialLabState: LabState = useLabStore.getState();

// ------------------------------------------------------------------ selectors

export const selectConsoleLines = (s: LabState): ConsoleLine[] => s.consoleLines;
export const selectHistory = (s: LabState): string[] => s.history;
export const selectPrompt = (s: LabState): string => s.prompt;
export const selectPendingCommands = (s: LabState): number => s.pendingCommands;
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
