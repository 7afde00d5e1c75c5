/**
 * The seam between the console and zkCli: one zkCli (src/cli/zkcli) per console, talking to the
 * simulated ensemble through a LabZkClient — a real client session on zk1, like
 * `zkCli.sh -server zk1:2181`. Output is kept as text lines; stdout/stderr interleave in the
 * order zkCli prints them.
 */
import { DEFAULT_CLI_VERSION } from '../cli/zkcli/commands.ts';
import type { OutputLine } from '../cli/zkcli/output.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { LabZkClient } from '../worker/labZkClient.ts';
import type { LabRuntime } from '../worker/runtime.ts';

/** The server the console's client connects to on load (`zkCli.sh -server zk1:2181`). */
export const DEFAULT_CONNECT_STRING = 'zk1:2181';

interface ConsoleZk {
  runtime: LabRuntime;
  cli: ZkCli;
  client: LabZkClient;
}

let zk: ConsoleZk | null = null;
let asyncSink: ((lines: string[]) => void) | null = null;

function text(lines: OutputLine[]): string[] {
  return lines.map((l) => l.text);
}

function ensure(runtime: LabRuntime): ConsoleZk {
  if (zk && zk.runtime === runtime) return zk;
  // Console commands run one at a time and advance simulated time themselves until the reply
  // arrives (the playback loop waits for them), so a command issued while paused completes too.
  const client = new LabZkClient(runtime, { drive: () => true });
  const cli = new ZkCli({ server: DEFAULT_CONNECT_STRING, jline: true, version: DEFAULT_CLI_VERSION });
  cli.onAsyncOutput = (lines) => asyncSink?.(text(lines));
  zk = { runtime, cli, client };
  return zk;
}

/** Where watch events that arrive between commands are printed. */
export function onZkCliAsyncOutput(sink: ((lines: string[]) => void) | null): void {
  asyncSink = sink;
}

/** What zkCli prints when it starts (`zkCli.sh -server zk1:2181`), before the session exists. */
export function zkCliBanner(): string[] {
  return [`Connecting to ${DEFAULT_CONNECT_STRING}`, 'Welcome to ZooKeeper!', 'JLine support is enabled'];
}

/**
 * Opens the console's session (the ZooKeeper constructor): resolves with what zkCli prints once
 * it is established — the SyncConnected WATCHER block.
 */
export async function connectZkCli(runtime: LabRuntime): Promise<string[]> {
  const z = ensure(runtime);
  const lines = await z.cli.startup(z.client);
  return text(lines).slice(zkCliBanner().length);
}

/**
 * Runs one zkCli command line; resolves with the text zkCli prints, one entry per line. After
 * `quit` (or a command that crashes the real zkCli's JVM), the next line starts a new zkCli
 * first, as running `zkCli.sh` again would.
 */
export async function executeZkCliLine(runtime: LabRuntime, line: string): Promise<string[]> {
  let z = ensure(runtime);
  const restarted: string[] = [];
  if (z.cli.exited) {
    zk = null;
    restarted.push(...zkCliBanner(), ...(await connectZkCli(runtime)));
    z = ensure(runtime);
  }
  return [...restarted, ...text(await z.cli.execute(line, z.client))];
}

/**
 * When the lab is paused and a command had to advance simulated time itself to get its reply,
 * how much (for a note in the console); null otherwise. Reading it resets it.
 */
export function takeAdvanceNote(runtime: LabRuntime): string | null {
  if (!zk) return null;
  const ms = zk.client.advancedMs;
  zk.client.advancedMs = 0;
  if (ms <= 0 || !runtime.isPaused()) return null;
  return `(lab: paused — advanced ${(ms / 1000).toFixed(3)} s of simulated time for the reply)`;
}

/** The prompt zkCli shows before each command: `[zk: host:port(STATE) n] `. */
export function zkCliPrompt(): string {
  if (!zk) return `[zk: ${DEFAULT_CONNECT_STRING}(CONNECTING) 0] `;
  return zk.cli.prompt(zk.client);
}

/** The console's client, for views that show its session (null before the console connects). */
export function consoleClient(): LabZkClient | null {
  return zk?.client ?? null;
}
