/**
 * The store's verbs (docs/architecture.md: "actions are verbs exported at module level"). Callable from
 * React, from the frame loop, from lessons and from the console. Everything that touches the
 * runtime goes through the session's operation queue.
 */
import { addServerRoom, LAB_USAGE, runLabCommand, runProtocolLine } from '../cli/lab.ts';
import { COMMAND_MAP } from '../cli/zkcli/commands.ts';
import type { Sid } from '../protocol/types.ts';
import { configToParams, LIMITS } from '../protocol/config.ts';
import { encodeRunParam } from './runParam.ts';
import { completeLine, isLabLine, pushHistory, splitCommandLines, type Completion } from './consoleText.ts';
import { newConsoleTab, useLabStore } from './labStore.ts';
import { addNoticeLines, appendConsole, consolePrompt, currentSession, flushReplies, requireSession, syncLab, updateConsoleTab } from './session.ts';
import { bumpZnodeWatches, cachedChildNames, pokeZnodes, rebuildZnodeView } from './znodes.ts';
import {
  addZkCliTab, closeZkCliTab, connectZkCli, consoleClient, DEFAULT_TAB, executeZkCliLine, takeAdvanceNote, zkCliBanner,
} from './zkcliBridge.ts';
import { pendingAuth, sessionIsSuper } from './superAuth.ts';
import { resizeRefusal, resizeSteps, type ResizeInput, type ResizeKey, type ResizeRefusal } from './ensembleResize.ts';
import { liveMembers } from './serverCards.ts';
import { zkSim } from '../protocol/zookeeper.ts';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function reportInternalError(e: unknown, tab?: number): void {
  console.error(e);
  appendConsole([{ kind: 'error', text: `lab: internal error: ${errorText(e)}` }], tab);
}

function activeTab(): number {
  return useLabStore.getState().activeConsoleTab;
}

// ------------------------------------------------------------------ console

/**
 * Runs one console line in a console tab (the active one unless given): `lab …` lines go to the
 * lab, everything else to that tab's zkCli. The line is echoed after the prompt when it starts
 * running; lines entered while another is running (in any tab) wait their turn, in order.
 * Resolves when its output is printed.
 */
export async function runConsoleLine(line: string, tab: number = activeTab()): Promise<void> {
  await runConsoleLineOutput(line, tab);
}

/** runConsoleLine, resolving with what the line printed (the lines after its echo): the embed API's `run`. */
export async function runConsoleLineOutput(line: string, tab: number = activeTab()): Promise<string[]> {
  const session = requireSession();
  updateConsoleTab(tab, (t) => ({ history: pushHistory(t.history, line), pending: t.pending + 1 }));
  const printed: string[] = [];
  const print = (lines: Array<{ kind: 'out' | 'error' | 'info'; text: string }>) => {
    appendConsole(lines, tab);
    for (const l of lines) printed.push(l.text);
  };
  try {
    await session.ops.run(async () => {
      if (!useLabStore.getState().consoleTabs.some((t) => t.id === tab)) return; // closed meanwhile
      appendConsole([{ kind: 'echo', text: consolePrompt(tab) + line }], tab);
      if (line.trim() === '') return;
      if (isLabLine(line) || !session.runtime.protocol.hasZkCli) {
        // Outside zkCli a line is the protocol's own command (`propose …`); the processes' replies
        // that arrived while it ran print right after its own output, in the order they happened.
        const reply = isLabLine(line) ? await runLabCommand(session.controller, line) : await runProtocolLine(session.controller, line);
        print(reply.lines.map((text) => ({ kind: reply.error ? ('error' as const) : ('out' as const), text })));
        flushReplies();
      } else {
        const lines = await executeZkCliLine(session.runtime, line, tab);
        print(lines.map((text) => ({ kind: 'out' as const, text })));
        const note = takeAdvanceNote(session.runtime, tab);
        if (note) print([{ kind: 'info', text: note }]);
      }
    });
  } catch (e) {
    reportInternalError(e, tab);
  } finally {
    updateConsoleTab(tab, (t) => ({ pending: t.pending - 1 }));
    // A read may have set a watch: the tree view looks again.
    bumpZnodeWatches();
    syncLab();
  }
  return printed;
}

/** Runs several lines (a paste), one command per line, in order. */
export async function runConsoleText(text: string, tab: number = activeTab()): Promise<void> {
  const lines = splitCommandLines(text);
  // Queue every line at once so nothing entered later can slip in between them.
  await Promise.all(lines.map((l) => runConsoleLine(l, tab)));
}

export function clearConsole(tab: number = activeTab()): void {
  updateConsoleTab(tab, () => ({ lines: [] }));
}

// ------------------------------------------------------------------ console tabs

let nextTabId = DEFAULT_TAB + 1;

/**
 * Opens a console tab with its own zkCli and client session on server `sid`, like
 * `zkCli.sh -server zkN:2181` in another terminal, and makes it the active tab. Resolves with
 * the tab's id once its session is requested — or, with `waitForSession` (a lesson's console, as
 * the headless runner starts it), once the session is established or given up, advancing
 * simulated time if it must: a `connect` right after then closes that session (closeSession)
 * instead of abandoning a session the server is still creating, which would expire later.
 */
export async function openConsoleTab(sid: Sid, opts: { waitForSession?: boolean } = {}): Promise<number> {
  const session = requireSession();
  const id = nextTabId++;
  const host = `zk${sid}:2181`;
  addZkCliTab(id, host, opts.waitForSession ?? false);
  useLabStore.setState((s) => ({ consoleTabs: [...s.consoleTabs, newConsoleTab(id, host)], activeConsoleTab: id }));
  appendConsole(zkCliBanner(id).map((text) => ({ kind: 'out' as const, text })), id);
  updateConsoleTab(id, (t) => ({ pending: t.pending + 1 }));
  try {
    await session.ops.run(async () => {
      const lines = await connectZkCli(session.runtime, id);
      appendConsole(lines.map((text) => ({ kind: 'out' as const, text })), id);
    });
  } catch (e) {
    reportInternalError(e, id);
  } finally {
    updateConsoleTab(id, (t) => ({ pending: t.pending - 1 }));
    syncLab();
  }
  return id;
}

/** Closes a console tab: its zkCli closes its session (as `close` does) and the tab goes away. */
export async function closeConsoleTab(id: number): Promise<void> {
  if (id === DEFAULT_TAB) return;
  const session = requireSession();
  useLabStore.setState((s) => {
    const i = s.consoleTabs.findIndex((t) => t.id === id);
    if (i < 0) return {};
    const tabs = s.consoleTabs.filter((t) => t.id !== id);
    const active = s.activeConsoleTab === id ? (tabs[Math.max(0, i - 1)]?.id ?? DEFAULT_TAB) : s.activeConsoleTab;
    return { consoleTabs: tabs, activeConsoleTab: active };
  });
  try {
    await session.ops.run(() => closeZkCliTab(id));
  } catch (e) {
    reportInternalError(e);
  } finally {
    syncLab();
    pokeZnodes();
  }
}

export function selectConsoleTab(id: number): void {
  if (!useLabStore.getState().consoleTabs.some((t) => t.id === id)) return;
  useLabStore.setState({ activeConsoleTab: id });
  pokeZnodes();
}

const LAB_COMMANDS = [...new Set(LAB_USAGE.filter((l) => l.trim().startsWith('lab ')).map((l) => l.trim().split(/\s+/)[1] ?? ''))].filter((c) => c !== '').concat('help');

/**
 * Tab completion for a console tab's command box: command names, `lab` subcommands and znode
 * paths from that tab's server's tree (the last fetched copy). Null: nothing to complete.
 */
export function completeConsoleInput(text: string, caret: number, tab: number = activeTab()): Completion | null {
  const t = useLabStore.getState().consoleTabs.find((x) => x.id === tab);
  const sid = t?.sid ?? null;
  const rt = currentSession()?.runtime;
  const zkCli = rt?.protocol.hasZkCli ?? true;
  return completeLine(text, caret, {
    commands: zkCli ? [...COMMAND_MAP.keys()] : [...(rt?.protocol.commands ?? [])],
    labCommands: LAB_COMMANDS,
    children: (path) => (sid === null || !zkCli ? null : cachedChildNames(sid, path)),
    names: rt ? rt.setup.ids.map((id) => rt.setup.name(id)) : [],
    nameCommands: zkCli ? [] : rt?.protocol.commands ?? [],
  });
}

/** Prints completion candidates in a tab, as a terminal lists them on a second Tab. */
export function showCompletions(candidates: string[], tab: number = activeTab()): void {
  if (candidates.length === 0) return;
  appendConsole([{ kind: 'info', text: candidates.join('  ') }], tab);
}

// ------------------------------------------------------------------ znode tree

/** Shows server `sid`'s tree, or (null) the tree of the active console tab's server. */
export function chooseZnodeServer(sid: Sid | null): void {
  useLabStore.setState({ znodeChoice: sid });
  pokeZnodes();
  rebuildZnodeView(true);
}

/** Selects a znode (its data, Stat and ACL are shown), or none. */
export function selectZnode(path: string | null): void {
  useLabStore.setState({ selectedZnode: path });
  rebuildZnodeView(true);
}

/** Collapses or expands a znode's subtree in the tree view. */
export function toggleZnode(path: string, collapsed: boolean): void {
  useLabStore.setState((s) => ({ znodeToggles: { ...s.znodeToggles, [path]: collapsed } }));
}

// ------------------------------------------------------------------ servers

/** Kills a server's process, as `lab kill` does (and shows it in the console). */
export function killServer(sid: Sid): Promise<void> {
  return runConsoleLine(`lab kill ${processName(sid)}`);
}

export function startServer(sid: Sid): Promise<void> {
  return runConsoleLine(`lab start ${processName(sid)}`);
}

/** Erases a server's disk (it is down afterwards). */
export function wipeServer(sid: Sid): Promise<void> {
  return runConsoleLine(`lab wipe ${processName(sid)}`);
}

/** The recordings' superDigest (scripts/real-zk/): its password is `admin`. */
export const RECORDED_SUPER_DIGEST = 'super:xQJmxLMiHGwaqBvst5y6rkB6HQs=';
const SUPER_AUTH = 'addauth digest super:admin';

/** Whether the lab runs with zoo.cfg `reconfigEnabled=true` (dynamic reconfiguration). */
export function labReconfigEnabled(): boolean {
  return currentSession()?.runtime.config.reconfigEnabled === true;
}

/**
 * Whether a console tab's zkCli session is a super user now: its client's real auth info (what
 * its ClientCnxn presents to the server), judged as the server judges it (src/store/superAuth.ts).
 * An `addauth` the client has not stepped yet counts (ZooKeeper.addAuthInfo adds to the
 * ClientCnxn's authInfo at once; the lab's client takes it as its next input). A new session
 * (`connect`, `quit`) starts with none, whatever the console printed before.
 */
export function tabIsSuper(tab: number = activeTab()): boolean {
  const rt = currentSession()?.runtime;
  const cid = consoleClient(tab)?.clientId ?? null;
  if (!rt || cid === null) return false;
  const sim = zkSim(rt.sim);
  const client = sim.clients.get(cid);
  if (!client) return false;
  const queued = pendingAuth(sim.pendingEvents(), cid);
  return sessionIsSuper({ state: client.state, authInfo: [...client.authInfo, ...queued] }, rt.config.superDigest);
}

/**
 * Runs a `reconfig …` line as a super user (ZooKeeperAdmin.reconfigure; only a super user may).
 * When the console's session is not super yet it first runs `addauth digest super:admin` — only
 * with the recordings' superDigest, whose password the lab knows; otherwise the console says what
 * to do instead.
 */
function reconfigAsSuper(line: string, tab: number): Promise<void> {
  const digest = currentSession()?.runtime.config.superDigest;
  if (tabIsSuper(tab)) return runConsoleLine(line, tab);
  if (digest === RECORDED_SUPER_DIGEST) return runConsoleText(`${SUPER_AUTH}\n${line}`, tab);
  appendConsole([{
    kind: 'error',
    text: digest
      ? `lab: reconfig needs a super session: run addauth digest <user>:<password> for this lab's superDigest, then ${line}`
      : `lab: reconfig needs a super session, and this lab has no superDigest: open it with superDigest=${RECORDED_SUPER_DIGEST} (password admin)`,
  }], tab);
  return Promise.resolve();
}

/** Removes a server from the ensemble's configuration, as `reconfig -remove N` does in the console. */
export function removeFromEnsemble(sid: Sid, tab: number = activeTab()): Promise<void> {
  return reconfigAsSuper(`reconfig -remove ${sid}`, tab);
}

/**
 * Adds a server to the running ensemble as an operator does: starts a new one (`lab add
 * observer|voter`: its own worker and disk, a zoo.cfg naming the members and itself), then makes
 * it a member with `reconfig -add server.N=zkN:2888:3888:observer|participant;zkN:2181`.
 * Resolves with whether the new server is in the ensemble's live configuration afterwards.
 */
export async function addToEnsemble(role: 'observer' | 'voter', tab: number = activeTab()): Promise<boolean> {
  const sim = currentSession()?.runtime.sim;
  if (!sim) return false;
  const sid = Math.max(0, ...sim.servers.keys()) + 1;
  await runConsoleLine(`lab add ${role}`, tab);
  // The lab refused (at its limits, or not a ZooKeeper lab): the console said why.
  if (!currentSession()?.runtime.sim.servers.has(sid)) return false;
  // A new voter the leader's synced voters cannot outvote without (one voter; a voter down) must
  // be in sync first, else reconfig fails with NewConfigNoQuorum (Leader.isQuorumSynced counts
  // synced non-voting followers that the new config makes voters): let it join as a non-voting
  // follower, a second at a time, as an operator waits before `reconfig -add`.
  for (let i = 0; role === 'voter' && i < NEW_VOTER_SYNC_WAIT_S && needsNewVoterSynced(sid); i++) await runConsoleLine('lab run 1s', tab);
  await reconfigAsSuper(`reconfig -add server.${sid}=zk${sid}:2888:3888:${role === 'voter' ? 'participant' : 'observer'};zk${sid}:2181`, tab);
  return liveMemberIds().includes(sid);
}

/** How many simulated seconds + Voter waits at most for the new server to sync before `reconfig -add`. */
const NEW_VOTER_SYNC_WAIT_S = 5;

/**
 * Whether the serving leader's synced voters are too few for a quorum of the config with `sid`
 * added while `sid` itself is not synced yet (Leader.isQuorumSynced: the leader and its synced
 * forwarding followers that are voters of the new config).
 */
function needsNewVoterSynced(sid: Sid): boolean {
  const rt = currentSession()?.runtime;
  if (!rt?.protocol.hasZkCli) return false;
  const sim = zkSim(rt.sim);
  const live = liveMembers(sim);
  const leader = [...sim.servers.values()].find((s) => s.up && s.view?.state === 'LEADING' && s.view.zab.serving);
  if (!leader?.view) return false;
  const synced = [leader.sid, ...leader.view.zab.learners.filter((l) => l.synced && l.syncMode !== null).map((l) => l.sid)];
  if (synced.includes(sid)) return false;
  const voters = live.voters.filter((s) => s !== sid);
  return !(synced.filter((s) => voters.includes(s)).length > Math.floor((voters.length + 1) / 2));
}

/** The members of the ensemble's live configuration (src/store/serverCards.ts liveConfig). */
function liveMemberIds(): Sid[] {
  const rt = currentSession()?.runtime;
  if (!rt?.protocol.hasZkCli) return [];
  const live = liveMembers(zkSim(rt.sim));
  return [...live.voters, ...live.observers];
}

/**
 * What the Voters / Observers pickers plan a live resize from: the live configuration (the
 * store's ensemble), the serving leader and the followers it has in sync (its card), and the room
 * `lab add` has left. Null outside a ZooKeeper lab with reconfigEnabled.
 */
export function ensembleResizeInput(): ResizeInput | null {
  const rt = currentSession()?.runtime;
  if (!rt?.protocol.hasZkCli || !labReconfigEnabled()) return null;
  const s = useLabStore.getState();
  const cards = Object.values(s.servers);
  const sidOf = new Map(cards.map((c) => [c.name, c.sid]));
  const leader = cards.find((c) => c.state === 'LEADING' && c.serving) ?? null;
  const synced = leader
    ? [leader.sid, ...leader.learners.filter((l) => l.synced && l.syncMode !== null).map((l) => sidOf.get(l.name)).filter((x): x is Sid => x !== undefined)]
    : [];
  return { voters: s.ensemble.voters, observers: s.ensemble.observers, leader: leader?.sid ?? null, synced, room: addServerRoom(rt.sim).room };
}

/**
 * The Voters / Observers pickers with reconfigEnabled: takes the live number of voters or
 * observers to `target` while the ensemble runs — raising adds servers one by one as + Voter /
 * + Observer do, lowering removes the newest members of that role with one `reconfig -remove`.
 * Every step is a console line (recorded, rewindable, shareable). A change reconfig would refuse
 * is not tried: the console says why.
 */
export async function resizeEnsemble(key: ResizeKey, target: number, tab: number = activeTab()): Promise<void> {
  const input = ensembleResizeInput();
  if (!input) return;
  const refusal = resizeRefusal(input, key, target);
  if (refusal) {
    appendConsole([{ kind: 'error', text: `lab: not resizing to ${target} ${key}: ${RESIZE_REFUSALS[refusal]}` }], tab);
    return;
  }
  const steps = resizeSteps(input, key, target);
  if (!steps) return;
  if ('remove' in steps) {
    await reconfigAsSuper(`reconfig -remove ${steps.remove.join(',')}`, tab);
    return;
  }
  for (let i = 0; i < steps.count; i++) {
    if (!(await addToEnsemble(steps.add, tab))) return; // the console shows why it stopped
  }
}

/** The console's words for a refused resize (console text is English, always). */
const RESIZE_REFUSALS: Record<ResizeRefusal, string> = {
  noLeader: 'there is no leader now, and a reconfig needs one (it is a write)',
  noVoter: 'reconfig refuses a configuration without a voter (BadArguments)',
  noQuorum: 'the voters of the new configuration would not include a quorum in sync with the leader, so reconfig would fail with NewConfigNoQuorum',
  noRoom: `the lab runs at most ${LIMITS.voters[1]} voters and ${LIMITS.observers[1]} observers, counting every server it started`,
};

/** A process's name as the protocol spells it (`zk3`, `a1`, `r2`). */
export function processName(sid: Sid): string {
  return currentSession()?.runtime.setup.name(sid) ?? `zk${sid}`;
}

/** The shortest word the console takes for a process in a list: its number where the protocol takes one (`3`), else its name (`a1`). */
function groupWord(sid: Sid): string {
  const rt = currentSession()?.runtime;
  return rt && rt.protocol.processId(rt.config, String(sid)) === sid ? String(sid) : processName(sid);
}

export function healAllLinks(): Promise<void> {
  return runConsoleLine('lab heal');
}

/** `zk1 zk2` (both ways) or `zk1->zk2` (one way), as `lab cut` / `lab heal` take a link. */
function linkArg(from: Sid, to: Sid, oneWay: boolean): string {
  return oneWay ? `${processName(from)}->${processName(to)}` : `${processName(from)} ${processName(to)}`;
}

/** Cuts the link between two servers (both ways, or only from → to), as `lab cut` does. */
export function cutLink(from: Sid, to: Sid, oneWay = false): Promise<void> {
  return runConsoleLine(`lab cut ${linkArg(from, to, oneWay)}`);
}

/** Heals the link between two servers (both ways, or only from → to), as `lab heal A B` does. */
export function healLink(from: Sid, to: Sid, oneWay = false): Promise<void> {
  return runConsoleLine(`lab heal ${linkArg(from, to, oneWay)}`);
}

/**
 * Makes the network exactly these groups (every link between two groups cut, every other link
 * open): `lab heal` first when something is cut, then `lab partition …`, queued together so
 * nothing runs in between. One non-empty group: just heals.
 */
export function partitionServers(groups: Sid[][]): Promise<void> {
  const nonEmpty = groups.filter((g) => g.length > 0);
  const cuts = useLabStore.getState().cutLinks.length > 0;
  const lines: string[] = [];
  if (cuts || nonEmpty.length < 2) lines.push('lab heal');
  if (nonEmpty.length >= 2) lines.push(`lab partition ${nonEmpty.map((g) => g.map(groupWord).join(',')).join(' ')}`);
  return runConsoleText(lines.join('\n'));
}

/** Jumps to simulated time `ms` (past or future), as `lab seek` does. */
export function seekTo(ms: number): Promise<void> {
  const arg = Number.isInteger(ms) && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
  return runConsoleLine(`lab seek ${arg}`);
}

/** Pauses and rewinds one event, as `lab back` does. */
export function stepBackEvent(): Promise<void> {
  return runConsoleLine('lab back');
}

export function selectServer(sid: Sid | null): void {
  useLabStore.setState({ selectedSid: sid });
  syncLab();
}

export function toggleSelectedServer(sid: Sid): void {
  useLabStore.setState((s) => ({ selectedSid: s.selectedSid === sid ? null : sid }));
  syncLab();
}

// ------------------------------------------------------------------ playback

export function playSimulation(): void {
  currentSession()?.playback.send({ type: 'PLAY' });
}

export function pauseSimulation(): void {
  currentSession()?.playback.send({ type: 'PAUSE' });
}

export function togglePlayback(): void {
  currentSession()?.playback.send({ type: 'TOGGLE' });
}

export function setSpeed(speed: number): void {
  currentSession()?.playback.send({ type: 'SET_SPEED', speed });
}

export function speedUp(): void {
  currentSession()?.playback.send({ type: 'FASTER' });
}

export function slowDown(): void {
  currentSession()?.playback.send({ type: 'SLOWER' });
}

/** Pauses and runs exactly the next event (one server input), like `lab step`. */
export async function stepEvent(): Promise<void> {
  const session = requireSession();
  session.playback.send({ type: 'PAUSE' });
  try {
    await session.ops.run(() => session.runtime.stepEvents(1));
  } catch (e) {
    reportInternalError(e);
  } finally {
    syncLab();
  }
}

// ------------------------------------------------------------------ notices

export function addNotice(kind: 'config' | 'error' | 'info', lines: string[]): number {
  return addNoticeLines(kind, lines);
}

export function dismissNotice(id: number): void {
  useLabStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

// ------------------------------------------------------------------ sharing a run

/**
 * The address that replays this run exactly up to this moment (`?…&run=…`, paused on open): the
 * ensemble's settings, the page's language if the address names one, and the run itself. Taken
 * through the operation queue, so no command is half applied.
 */
export async function makeRunLink(base: string, pageSearch: string): Promise<string> {
  const session = requireSession();
  const param = await session.ops.run(() => encodeRunParam(session.runtime.runData()));
  const params = configToParams(session.runtime.config);
  const lang = new URLSearchParams(pageSearch).get('lang');
  if (lang !== null) params.set('lang', lang);
  params.set('run', param);
  return `${base}?${params.toString()}`;
}
