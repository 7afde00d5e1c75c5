/**
 * A run as a file (Export → Trace file): the lab's settings as its URL parameters, the seed, the
 * current branch's recorded actions with their moments (exactly what a Share link carries:
 * src/protocol/runLink.ts), where the run had got to and its `lab hash`. A run is a pure function
 * of (configuration, seed, actions) (docs/architecture.md), so opening the file replays the same
 * trace. Reading one validates everything before anything reaches the lab: the envelope with a
 * zod schema, the settings with the URL's own parser (parseLabConfig), each action with the share
 * link's (parseRunOf). A bad file gives one English reason; nothing of it is used.
 */
import { z } from 'zod';
import { configToParams, parseLabConfig, PROTOCOLS, type LabConfig } from '../protocol/config.ts';
import { parseRunOf } from '../protocol/registry.ts';
import { encodeRun, MAX_RUN_ACTIONS, MAX_RUN_EVENTS, RUN_FORMAT, type RunData } from '../protocol/runLink.ts';

// zod compiles fast parsers with `new Function` when it may; the page's Content-Security-Policy
// forbids eval (scripts/csp.ts), and even zod's probe for it is reported as a violation.
z.config({ jitless: true });

export const TRACE_FORMAT = 'zookeeper-lab-trace';
export const TRACE_VERSION = 1;
import { MAX_TRACE_FILE } from './exportNames.ts';

export { exportFileName, MAX_TRACE_FILE } from './exportNames.ts';

/** The URL parameters a trace file's settings may hold (what configToParams writes). */
const CONFIG_KEYS = [
  'protocol', 'seed', 'voters', 'observers', 'tickTime', 'initLimit', 'syncLimit', 'latencyMs', 'latencySpreadMs', 'commitLogCount',
  'snapshotSizeFactorPct', 'boot', 'bugs', 'superDigest', 'reconfigEnabled', 'acceptors', 'proposers', 'learners', 'retry',
  'retryTimeoutMs', 'replicas', 'heartbeatMs', 'electionTimeoutMs',
] as const;

const int = (lo: number, hi: number) => z.number().int().min(lo).max(hi);

/** The envelope of a trace file. Actions are checked one by one afterwards (parseRunOf). */
export const traceFileSchema = z.strictObject({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_VERSION),
  protocol: z.enum(PROTOCOLS),
  config: z.partialRecord(z.enum(CONFIG_KEYS), z.string().max(200)),
  seed: z.string().min(1).max(64),
  head: z.strictObject({ eventCount: int(0, MAX_RUN_EVENTS), t: int(0, 24 * 3_600_000) }),
  actions: z.array(z.tuple([int(0, MAX_RUN_EVENTS), int(0, 24 * 3_600_000), z.unknown()])).max(MAX_RUN_ACTIONS),
  /** Simulated time at the head, ms (the same as head.t; for people reading the file). */
  simulatedTimeMs: int(0, 24 * 3_600_000),
  /** `lab hash` at the head: the trace's running hash, and how many entries it covers. */
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  traceEntries: int(0, 100_000_000),
  /** What wrote it (free text, never shown as HTML). */
  createdBy: z.string().max(200).optional(),
});

export type TraceFile = z.infer<typeof traceFileSchema>;

/** What a good file holds, checked: the settings, the run to replay, the hash it should reach. */
export interface ImportedTrace {
  config: LabConfig;
  /** The URL parameters that open this lab (configToParams of `config`). */
  params: URLSearchParams;
  run: RunData;
  hash: string;
  traceEntries: number;
}

/** The trace file of a run: settings, seed, actions, head and `lab hash` (JSON text, pretty-printed). */
export function encodeTraceFile(config: LabConfig, run: RunData, hash: string, traceEntries: number): string {
  // The actions in the share link's JSON form (bigint and bytes tagged), so both read them alike.
  const encoded = JSON.parse(encodeRun(run)) as { actions: unknown[] };
  const file: TraceFile = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    protocol: config.protocol,
    config: Object.fromEntries(configToParams(config)),
    seed: String(config.seed),
    head: { eventCount: run.head.eventCount, t: run.head.t },
    actions: encoded.actions as TraceFile['actions'],
    simulatedTimeMs: run.head.t,
    hash,
    traceEntries,
    createdBy: 'ZooKeeper Lab',
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not a trace file';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.').slice(0, 80) : 'the file';
  if (issue.path[0] === 'format') return 'not a ZooKeeper Lab trace file (format)';
  if (issue.path[0] === 'version') return `unsupported trace file version (this lab reads version ${TRACE_VERSION})`;
  return `${where}: ${issue.message.slice(0, 160)}`;
}

/**
 * Reads a trace file's text. Everything is checked: the envelope (zod), the settings as URL
 * parameters (every problem parseLabConfig reports is an error here, not a default), that the
 * settings name the file's protocol and seed, and every action against this lab (parseRunOf).
 */
export function parseTraceFile(text: string): { trace: ImportedTrace } | { error: string } {
  if (text.length > MAX_TRACE_FILE) return { error: `the file is larger than ${MAX_TRACE_FILE} bytes` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const parsed = traceFileSchema.safeParse(data);
  if (!parsed.success) return { error: zodReason(parsed.error) };
  const f = parsed.data;
  const { config, problems } = parseLabConfig(Object.entries(f.config) as Array<[string, string]>);
  if (problems.length > 0) return { error: `config: ${problems[0]!.text}` };
  if (config.protocol !== f.protocol) return { error: `config: protocol ${config.protocol} is not the file's ${f.protocol}` };
  if (String(config.seed) !== f.seed) return { error: 'config: the seed is not the file\'s seed' };
  if (f.simulatedTimeMs !== f.head.t) return { error: 'simulatedTimeMs is not head.t' };
  if (f.traceEntries < f.head.eventCount) return { error: 'traceEntries is fewer than the events run' };
  const run = parseRunOf(config, JSON.stringify({ v: RUN_FORMAT, head: f.head, actions: f.actions }));
  if ('error' in run) return { error: run.error };
  return { trace: { config, params: configToParams(config), run: run.run, hash: f.hash, traceEntries: f.traceEntries } };
}
