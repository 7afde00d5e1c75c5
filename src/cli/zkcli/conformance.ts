/**
 * Replaying zkCli conformance transcripts (../shared/conformance/README.md): a `.zk` script is run
 * with a marker command `stat /zz-mark-NN` after every line and a final `quit`, and its output is
 * compared with what real ZooKeeper 3.8.0 printed, line by line, except where the README allows a
 * difference:
 *   - the `Connecting to HOST:PORT` line,
 *   - `ctime = …` / `mtime = …` values (the format must still match),
 *   - session ids (`ephemeralOwner = 0x…` of an ephemeral node),
 *   - where an asynchronous `WATCHER::` block lands relative to the next command's output,
 *   - the order of `getEphemerals` results.
 * Pure: the caller runs the script (against the standalone harness or the real ensemble).
 */
import type { OutputLine } from './output.ts';

/** The marked script: each line followed by `stat /zz-mark-NN`, then `quit`. */
export function markScript(scriptLines: readonly string[]): string[] {
  const out: string[] = [];
  scriptLines.forEach((line, i) => {
    out.push(line);
    out.push('stat /zz-mark-' + String(i + 1).padStart(2, '0'));
  });
  out.push('quit');
  return out;
}

/** Split a text file into lines (no trailing empty line for the final newline). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * A transcript's `.zk` lines (a trailing empty line of the file is not a command). Header lines
 * at the top, starting with `#`, are not commands either (see transcriptHeader).
 */
export function scriptLinesOf(zkText: string): string[] {
  const lines = splitLines(zkText);
  let i = 0;
  while (i < lines.length && (lines[i] as string).startsWith('#')) i++;
  return lines.slice(i);
}

/** What a transcript's header asks of whoever replays it. */
export interface TranscriptHeader {
  /**
   * `#lab key=value …`: lab URL settings (src/protocol/config.ts) of the ensemble it was recorded on;
   * the recorder (scripts/real-zk/cli.sh) gave the real servers the matching JVM properties,
   * e.g. `superDigest=…` → `-Dzookeeper.DigestAuthenticationProvider.superDigest=…`.
   */
  settings: Array<[string, string]>;
  /** `#ensemble-only reason`: a standalone server would answer differently; only the ensemble replays it. */
  ensembleOnly: string | null;
}

export function transcriptHeader(zkText: string): TranscriptHeader {
  const header: TranscriptHeader = { settings: [], ensembleOnly: null };
  for (const line of splitLines(zkText)) {
    if (!line.startsWith('#')) break;
    const m = /^#(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'lab') {
      for (const kv of (m[2] ?? '').split(/\s+/).filter((w) => w !== '')) {
        const i = kv.indexOf('=');
        header.settings.push(i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)]);
      }
    } else if (m[1] === 'ensemble-only') {
      header.ensembleOnly = m[2] ?? '';
    }
  }
  return header;
}

/** Something that runs zkCli lines: the startup output, then one call per line. */
export interface CliRunner {
  startup(): Promise<OutputLine[]>;
  execute(line: string): Promise<OutputLine[]>;
  /** event output that arrived outside commands (optional) */
  drain?(): OutputLine[];
}

/** Run the marked script and return the combined stdout+stderr text lines. */
export async function runMarkedScript(scriptLines: readonly string[], runner: CliRunner): Promise<string[]> {
  const text: string[] = [];
  const push = (ls: OutputLine[]): void => {
    for (const l of ls) text.push(l.text);
  };
  push(await runner.startup());
  for (const line of markScript(scriptLines)) {
    push(await runner.execute(line));
    if (runner.drain) push(runner.drain());
  }
  return text;
}

export interface Mismatch {
  /** 0-based script line whose output differs (block 0 includes the startup lines; n = the final quit; -1 = events) */
  block: number;
  command: string;
  expected: string[];
  actual: string[];
}

const WATCHED_EVENT = /^WatchedEvent state:\S+ type:\S+ path:.*$/;
const DATE = /^(ctime|mtime) = (Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d \d\d:\d\d:\d\d [A-Z]{2,5} \d{4}$/;

/**
 * Remove WATCHER blocks, returning the rest and the events. A block is two `printMessage` calls
 * (`""` + `WATCHER::`, then `""` + `WatchedEvent …`) from the client's event thread, so the main
 * thread's output may even land between its halves; each half is removed on its own.
 */
export function extractWatcherBlocks(lines: readonly string[]): { rest: string[]; events: string[] } {
  const rest: string[] = [];
  const events: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1] ?? '';
    if (lines[i] === '' && next === 'WATCHER::') {
      i += 1;
      continue;
    }
    if (lines[i] === '' && WATCHED_EVENT.test(next)) {
      events.push(next);
      i += 1;
      continue;
    }
    rest.push(lines[i] as string);
  }
  return { rest, events };
}

/** Split output at the marker lines into blocks: block 0 = before the first marker. */
function blocks(lines: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const l of lines) {
    if (/^Node does not exist: \/zz-mark-\d+$/.test(l)) out.push([]);
    else (out[out.length - 1] as string[]).push(l);
  }
  return out;
}

function normalizeLine(l: string): string {
  if (/^Connecting to \S+$/.test(l)) return 'Connecting to <host>';
  const d = DATE.exec(l);
  if (d) return d[1] + ' = <date>';
  if (/^ephemeralOwner = 0x[0-9a-f]+$/.test(l) && l !== 'ephemeralOwner = 0x0') return 'ephemeralOwner = <session>';
  return l;
}

function normalizeList(l: string): string {
  const m = /^\[(.*)\]$/.exec(l);
  if (!m) return l;
  const items = (m[1] ?? '') === '' ? [] : (m[1] ?? '').split(', ');
  return '[' + items.sort().join(', ') + ']';
}

/**
 * Compare real zkCli's output with ours for one transcript. Returns the differing blocks
 * (empty = conforming). Watch events must appear in the same order overall, but a block may move.
 */
export function compareTranscript(scriptLines: readonly string[], expected: readonly string[], actual: readonly string[]): Mismatch[] {
  const e = extractWatcherBlocks(expected);
  const a = extractWatcherBlocks(actual);
  const eb = blocks(e.rest);
  const ab = blocks(a.rest);
  const mismatches: Mismatch[] = [];
  const n = Math.max(eb.length, ab.length);
  for (let i = 0; i < n; i++) {
    // block i holds the output of script line i+1 (block 0 also holds the startup lines)
    const command = i < scriptLines.length ? (scriptLines[i] as string) : 'quit';
    const isEphemerals = /^\s*getEphemerals\b/.test(command);
    const norm = (ls: string[] | undefined): string[] =>
      (ls ?? []).map(normalizeLine).map((l) => (isEphemerals ? normalizeList(l) : l));
    const x = norm(eb[i]);
    const y = norm(ab[i]);
    if (x.length !== y.length || x.some((l, j) => l !== y[j])) {
      mismatches.push({ block: i, command, expected: eb[i] ?? [], actual: ab[i] ?? [] });
    }
  }
  if (e.events.length !== a.events.length || e.events.some((ev, j) => ev !== a.events[j])) {
    mismatches.push({ block: -1, command: '<watch events, in order>', expected: e.events, actual: a.events });
  }
  return mismatches;
}

export function formatMismatches(name: string, ms: readonly Mismatch[]): string {
  return ms
    .map((m) => `${name} block ${m.block} (${m.command}):\n  expected: ${JSON.stringify(m.expected)}\n  actual:   ${JSON.stringify(m.actual)}`)
    .join('\n');
}
