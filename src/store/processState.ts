/**
 * The inspector's view of a process of a protocol without ZooKeeper's own inspector: the process's
 * whole state as plain data (a snapshot from its worker, fetched through the operation queue) and
 * its disk as the host keeps it (still there while it is down). `stateEntries` turns plain data
 * into readable key/value rows (pure, unit-tested).
 */
import { currentSession } from './session.ts';

export interface ProcessState {
  sid: number;
  up: boolean;
  /** The running process's state, or null while it is down. */
  state: unknown;
  /** What survives a crash. */
  disk: unknown;
}

/** Server `sid`'s state and disk now (null: no lab, or no such process). */
export async function fetchProcessState(sid: number): Promise<ProcessState | null> {
  const session = currentSession();
  if (!session) return null;
  return session.ops.run(async () => {
    const sim = session.runtime.sim;
    const slot = sim.servers.get(sid);
    if (!slot) return null;
    const state = slot.up ? await sim.peek(sid) : null;
    return { sid, up: slot.up, state, disk: structuredClone(slot.disk) };
  });
}

/** A row of state: a key and either a value as text or nested rows. */
export interface StateRow {
  key: string;
  text?: string;
  rows?: StateRow[];
}

/** Keys not worth a reader's time: the configuration (the lab's link says it) and generators' internal states. */
const HIDDEN = new Set(['config', 'rng']);

function isPlain(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean', 'bigint', 'undefined'].includes(typeof v);
}

function plainText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return String(v);
}

/** A small object of plain values, one line: `round=2 proposer=1`. */
function inline(o: Record<string, unknown>): string | null {
  const entries = Object.entries(o);
  if (entries.length === 0) return '{}';
  if (entries.length > 4 || !entries.every(([, v]) => isPlain(v))) return null;
  return entries.map(([k, v]) => `${k}=${plainText(v)}`).join(' ');
}

function valueRow(key: string, v: unknown, depth: number): StateRow {
  if (isPlain(v)) return { key, text: plainText(v) };
  if (Array.isArray(v)) {
    if (v.length === 0) return { key, text: '[]' };
    if (v.every(isPlain)) return { key, text: v.map(plainText).join(', ') };
    const small = v.map((x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? inline(x as Record<string, unknown>) : null));
    if (small.every((x) => x !== null)) return { key, text: small.join(' · ') };
    return { key, rows: depth > 4 ? [{ key: '…', text: JSON.stringify(v) }] : v.map((x, i) => valueRow(String(i), x, depth + 1)) };
  }
  const o = v as Record<string, unknown>;
  const one = inline(o);
  if (one !== null) return { key, text: one };
  return { key, rows: depth > 4 ? [{ key: '…', text: JSON.stringify(o) }] : stateEntries(o, depth + 1) };
}

/** Plain data as rows: one per key (hidden keys left out), nested objects as nested rows. */
export function stateEntries(data: unknown, depth = 0): StateRow[] {
  if (typeof data !== 'object' || data === null) return [{ key: '', text: plainText(data) }];
  return Object.entries(data as Record<string, unknown>)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => valueRow(k, v, depth));
}
