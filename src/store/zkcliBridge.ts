/**
 * The seam between the console and zkCli: one zkCli (src/cli/zkcli) per console tab, each talking
 * to the simulated ensemble through its own LabZkClient — its own client session, like running
 * `zkCli.sh -server zkN:2181` in another terminal. The default tab (DEFAULT_TAB) connects to zk1
 * on load; the functions below act on it unless given another tab. Output is kept as text lines;
 * stdout/stderr interleave in the order zkCli prints them.
 */
import { DEFAULT_CLI_VERSION } from '../cli/zkcli/commands.ts';
import type { OutputLine } from '../cli/zkcli/output.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { LabZkClient } from '../worker/labZkClient.ts';
import { CLIENT_BASE, zkSim } from '../protocol/zookeeper.ts';
import type { LabRuntime } from '../worker/runtime.ts';

/** The server the console's client connects to on load (`zkCli.sh -server zk1:2181`). */
export const DEFAULT_CONNECT_STRING = 'zk1:2181';
/** The console tab that exists from the start (it cannot be closed). */
export const DEFAULT_TAB = 1;

interface ConsoleZk {
  runtime: LabRuntime;
  cli: ZkCli;
  client: LabZkClient;
}

interface TabZk {
  /** The `-server` the tab's zkCli starts with (and restarts with after `quit`). */
  connectString: string;
  /** Whether zkCli's start waits for the session (LabZkClientOptions.waitForFirstConnect), as scripted runners do. */
  waitForSession?: boolean;
  zk: ConsoleZk | null;
}

const tabs = new Map<number, TabZk>([[DEFAULT_TAB, { connectString: DEFAULT_CONNECT_STRING, zk: null }]]);
let asyncSink: ((lines: string[], tab: number) => void) | null = null;

function text(lines: OutputLine[]): string[] {
  return lines.map((l) => l.text);
}

function tabOf(tab: number): TabZk {
  const t = tabs.get(tab);
  if (!t) throw new Error(`no console tab ${tab}`);
  return t;
}

function ensure(runtime: LabRuntime, tab: number): ConsoleZk {
  const t = tabOf(tab);
  if (t.zk && t.zk.runtime === runtime) return t.zk;
  // Console commands run one at a time and advance simulated time themselves until the reply
  // arrives (the playback loop waits for them), so a command issued while paused completes too.
  // The tab starts as zkCli does: the prompt comes at once, the SyncConnected WATCHER block when
  // the session is established (printed through onAsyncOutput) — opening a lab whose ensemble has
  // no quorum yet does not run the simulated clock forward. A `connect` command waits.
  // The first tab of a shared run (`?run=`) takes over the run's own console session, if it is
  // still open, so opening the link adds nothing to the run.
  const adoptable = CLIENT_BASE + 1;
  const adopt = tab === DEFAULT_TAB && zkSim(runtime.sim).clients.get(adoptable)?.state === 'CONNECTED' ? adoptable : undefined;
  const client = new LabZkClient(runtime, { drive: () => true, waitForFirstConnect: t.waitForSession ?? false, adopt });
  const cli = new ZkCli({ server: t.connectString, jline: true, version: DEFAULT_CLI_VERSION });
  cli.onAsyncOutput = (lines) => {
    if (tabs.get(tab) === t) asyncSink?.(text(lines), tab);
  };
  t.zk = { runtime, cli, client };
  return t.zk;
}

/** Where watch events that arrive between commands are printed (with the tab they belong to). */
export function onZkCliAsyncOutput(sink: ((lines: string[], tab: number) => void) | null): void {
  asyncSink = sink;
}

/** Forgets every tab but the default one and the default tab's zkCli (a new lab starts). */
export function resetZkCliTabs(): void {
  tabs.clear();
  tabs.set(DEFAULT_TAB, { connectString: DEFAULT_CONNECT_STRING, zk: null });
}

/**
 * Adds a console tab whose zkCli will start with `-server connectString` (`connectZkCli` opens
 * its session; with `waitForSession` it resolves only once the session is established, as the
 * headless lesson runner's consoles do). Returns the tab's id.
 */
export function addZkCliTab(id: number, connectString: string, waitForSession: boolean = false): number {
  if (tabs.has(id)) throw new Error(`console tab ${id} exists`);
  tabs.set(id, { connectString, waitForSession, zk: null });
  return id;
}

/** Closes a tab's session (zkCli's `close`, when it is alive) and forgets the tab. */
export async function closeZkCliTab(tab: number): Promise<void> {
  const t = tabs.get(tab);
  if (!t || tab === DEFAULT_TAB) return;
  tabs.delete(tab);
  const zk = t.zk;
  if (!zk) return;
  // `close` needs the server's answer; a client still looking for a server just goes away.
  const state = zk.client.getState();
  if (state === 'CONNECTED' || state === 'CONNECTEDREADONLY') await zk.client.close();
}

export function zkCliTabIds(): number[] {
  return [...tabs.keys()];
}

/** What zkCli prints when it starts (`zkCli.sh -server zk1:2181`), before the session exists. */
export function zkCliBanner(tab: number = DEFAULT_TAB): string[] {
  const server = tabs.get(tab)?.connectString ?? DEFAULT_CONNECT_STRING;
  return [`Connecting to ${server}`, 'Welcome to ZooKeeper!', 'JLine support is enabled'];
}

/**
 * Opens a tab's session (the ZooKeeper constructor): resolves with what zkCli prints once it is
 * established — the SyncConnected WATCHER block.
 */
export async function connectZkCli(runtime: LabRuntime, tab: number = DEFAULT_TAB): Promise<string[]> {
  const z = ensure(runtime, tab);
  const lines = await z.cli.startup(z.client);
  return text(lines).slice(zkCliBanner(tab).length);
}

/**
 * Runs one zkCli command line in a tab; resolves with the text zkCli prints, one entry per line.
 * After `quit` (or a command that crashes the real zkCli's JVM), the next line starts a new zkCli
 * first, as running `zkCli.sh` again would.
 */
export async function executeZkCliLine(runtime: LabRuntime, line: string, tab: number = DEFAULT_TAB): Promise<string[]> {
  let z = ensure(runtime, tab);
  const restarted: string[] = [];
  if (z.cli.exited) {
    tabOf(tab).zk = null;
    restarted.push(...zkCliBanner(tab), ...(await connectZkCli(runtime, tab)));
    z = ensure(runtime, tab);
  }
  return [...restarted, ...text(await z.cli.execute(line, z.client))];
}

/**
 * When the lab is paused and a command had to advance simulated time itself to get its reply,
 * how much (for a note in the console); null otherwise. Reading it resets it.
 */
export function takeAdvanceNote(runtime: LabRuntime, tab: number = DEFAULT_TAB): string | null {
  const zk = tabs.get(tab)?.zk;
  if (!zk) return null;
  const ms = zk.client.advancedMs;
  zk.client.advancedMs = 0;
  if (ms <= 0 || !runtime.isPaused()) return null;
  return `(lab: paused — advanced ${(ms / 1000).toFixed(3)} s of simulated time for the reply)`;
}

/** The prompt zkCli shows before each command: `[zk: host:port(STATE) n] `. */
export function zkCliPrompt(tab: number = DEFAULT_TAB): string {
  const t = tabs.get(tab);
  if (!t) return '';
  if (!t.zk) return `[zk: ${t.connectString}(CONNECTING) 0] `;
  return t.zk.cli.prompt(t.zk.client);
}

/** The host:port a tab's zkCli is connected (or connecting) to, as its prompt shows it. */
export function zkCliHost(tab: number = DEFAULT_TAB): string {
  const t = tabs.get(tab);
  return t?.zk?.cli.host ?? t?.connectString ?? DEFAULT_CONNECT_STRING;
}

/** A tab's client, for views that show its session (null before the tab connects). */
export function consoleClient(tab: number = DEFAULT_TAB): LabZkClient | null {
  return tabs.get(tab)?.zk?.client ?? null;
}
