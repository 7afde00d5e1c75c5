/**
 * The inspector's data that does not fit on a card: a server's transaction log (from the disk the
 * host keeps for it — the same `disk.log` a snapshot carries, and still there while the server is
 * down) with its committed part marked, and the sync modes leaders choose, read from the trace
 * incrementally (never one React update per trace entry).
 */
import { hexLong } from '../cli/zkcli/format.ts';
import type { Txn, TxnRecord } from '../protocol/datatree/types.ts';
import type { LoggedTxn, Sid } from '../protocol/types.ts';
import type { ServerSlot } from '../sim/simulation.ts';
import type { PeerView } from '../protocol/QuorumPeer.ts';
import type { PeerDisk } from '../protocol/types.ts';
import type { ZkSimulation } from '../protocol/zookeeper.ts';
import { serverName } from '../cli/lab.ts';
import type { LogRow, ServerLogView, SyncFlash } from './labStore.ts';

/** The inspector shows this many of the newest log entries. */
export const LOG_ROWS_MAX = 200;
/** A sync badge stays on the learner's card this long (simulated ms). */
export const SYNC_FLASH_MS = 4000;

function targetOf(rec: TxnRecord, clientId: bigint): string {
  switch (rec.type) {
    case 'createSession':
    case 'closeSession':
      return hexLong(clientId);
    case 'multi':
      return rec.txns.map((t) => ('path' in t ? t.path : t.type)).join(' ');
    case 'error':
      return `err ${rec.err}`;
    default:
      return 'path' in rec ? rec.path : '';
  }
}

export function logRow(t: LoggedTxn, lastCommitted: number | null): LogRow {
  const txn = t.txn as Partial<Txn> | null;
  const rec = txn?.record;
  return {
    zxid: hexLong(t.zxid),
    type: rec ? rec.type : 'txn',
    target: rec ? targetOf(rec, txn.clientId ?? 0n) : '',
    committed: lastCommitted !== null && t.zxid <= lastCommitted,
  };
}

/** The log view of one server: newest last, at most LOG_ROWS_MAX rows. */
export function buildServerLog(slot: ServerSlot<PeerView, PeerDisk>): ServerLogView {
  const v = slot.up ? slot.view : null;
  const lastCommitted = v ? Math.max(v.zab.lastCommittedZxid, v.zab.lastProcessedZxid) : null;
  const log = slot.disk.log;
  const shown = log.slice(Math.max(0, log.length - LOG_ROWS_MAX));
  return {
    sid: slot.sid,
    rows: shown.map((t) => logRow(t, lastCommitted)),
    earlier: log.length - shown.length,
    snapshotZxid: hexLong(slot.disk.snapshotZxid),
    lastCommitted: lastCommitted === null ? null : hexLong(lastCommitted),
  };
}

/** What the log view depends on: rebuild it only when this changes. */
export function serverLogKey(slot: ServerSlot<PeerView, PeerDisk>, generation: number): string {
  const v = slot.up ? slot.view : null;
  const log = slot.disk.log;
  return [generation, slot.sid, slot.up, log.length, log[log.length - 1]?.zxid, slot.disk.snapshotZxid, v?.zab.lastCommittedZxid, v?.zab.lastProcessedZxid].join('|');
}

/**
 * Reads the trace from where it left off and keeps the latest sync mode per learner while it is
 * fresh. A new simulation (a rewind) starts from its current end: old syncs do not flash again.
 */
export class SyncFlashReader {
  private sim: ZkSimulation | null = null;
  private index = 0;
  private flashes: Record<Sid, SyncFlash> = {};

  /** The flashes now; the same object when nothing changed. */
  read(sim: ZkSimulation): Record<Sid, SyncFlash> {
    if (sim !== this.sim) {
      this.sim = sim;
      this.index = sim.trace.length;
      if (Object.keys(this.flashes).length > 0) this.flashes = {};
    }
    const trace = sim.trace;
    let next: Record<Sid, SyncFlash> | null = null;
    for (let i = this.index; i < trace.length; i++) {
      const e = trace[i]!;
      if (e.kind === 'event' && e.event.kind === 'sync') {
        next ??= { ...this.flashes };
        next[e.event.learner] = { mode: e.event.mode, leader: serverName(e.sid), at: e.t };
      }
    }
    this.index = trace.length;
    if (next) this.flashes = next;
    const expired = Object.entries(this.flashes).filter(([, f]) => sim.now - f.at > SYNC_FLASH_MS || f.at > sim.now);
    if (expired.length > 0) {
      const kept = { ...this.flashes };
      for (const [sid] of expired) delete kept[Number(sid)];
      this.flashes = kept;
    }
    return this.flashes;
  }
}
