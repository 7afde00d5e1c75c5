/**
 * `lab txnlog S [N]`: a server's transaction log (事务日志) printed the way ZooKeeper 3.8's
 * TxnLogToolkit (`org.apache.zookeeper.server.persistence.TxnLogToolkit`, the successor of
 * LogFormatter) dumps a `version-2/log.<zxid>` file:
 *
 *   ZooKeeper Transactional Log File with dbid 0 txnlog format version 2
 *   <time> session 0x… cxid 0x… zxid 0x… <Request.op2String(type)> <getFormattedTxnStr(txn)>
 *   …
 *   EOF reached after N txns.
 *
 * Every quirk of the real tool is kept, because a student compares it with what a real server
 * prints (src/cli/testdata/txnlog/real-standalone.txt): CreateTxn / SetDataTxn / CreateContainerTxn
 * / CreateTTLTxn are printed field by field with the ACL list's `List.toString()` — jute's
 * `ACL.toString()` ends in a newline, so a create takes two lines —; every other txn is its jute
 * `toString()` (ToStringOutputArchive: strings quoted and escaped, `v{…}`, `s{…}`, a final
 * newline that the tool does not double); a multi lists each sub-txn as `type:` followed by its
 * *binary* jute serialization read as UTF-8 (NULs and U+FFFD included, as the real tool prints it).
 * Times are `DateFormat.getDateTimeInstance(SHORT, LONG)` in en_US with the JVM in UTC.
 *
 * Pure: it reads a disk (src/protocol/types.ts PeerDisk), which survives a crash.
 */
import type { ACL } from '../protocol/acl/acl.ts';
import type { Txn, TxnRecord } from '../protocol/datatree/types.ts';
import type { LoggedTxn, PeerDisk, Sid } from '../protocol/types.ts';
import { hex } from '../protocol/zxid.ts';
import { civilFromDays, hexLong, idToString, javaListToString, toCSVString } from './zkcli/format.ts';

export const TXNLOG_HEADER = 'ZooKeeper Transactional Log File with dbid 0 txnlog format version 2';

/** Request.op2String for the txn types a log holds (note `createTtl`). */
const OP_NAMES: Record<TxnRecord['type'], string> = {
  create: 'create',
  createContainer: 'createContainer',
  createTTL: 'createTtl',
  delete: 'delete',
  deleteContainer: 'deleteContainer',
  setData: 'setData',
  setACL: 'setACL',
  check: 'check',
  multi: 'multi',
  createSession: 'createSession',
  closeSession: 'closeSession',
  error: 'error',
};

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/**
 * `DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.LONG).format(new Date(ms))` for
 * en_US with the JVM in UTC (JDK 17's CLDR patterns `M/d/yy` + `h:mm:ss a z`, joined by `, `):
 * `11/22/26, 4:31:05 AM UTC`.
 */
export function javaShortLongDateTime(ms: number): string {
  const days = Math.floor(ms / 86400000);
  const secs = Math.floor((ms - days * 86400000) / 1000);
  const [y, m, d] = civilFromDays(days);
  const h24 = Math.floor(secs / 3600);
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return `${m}/${d}/${pad2(((y % 100) + 100) % 100)}, ${h12}:${pad2(Math.floor((secs % 3600) / 60))}:${pad2(secs % 60)} ${h24 < 12 ? 'AM' : 'PM'} UTC`;
}

/** `new String(bytes, UTF_8)`: malformed bytes become U+FFFD; a BOM is kept. */
function javaUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** TxnLogToolkit.checkNullToEmpty */
function checkNullToEmpty(data: Uint8Array | null): string {
  return data === null || data.length === 0 ? '' : javaUtf8(data);
}

/** jute `ACL.toString()` (a top-level record: it ends with a newline). */
function aclToString(a: ACL): string {
  return `${a.perms},s{${idToString(a.id).replace(/\n$/, '')}}\n`;
}

/** A `vector<ACL>` written inside a record by ToStringOutputArchive: `v{s{31,s{'world,'anyone}}}`. */
function aclVector(acl: readonly ACL[]): string {
  return 'v{' + acl.map((a) => `s{${a.perms},s{${idToString(a.id).replace(/\n$/, '')}}}`).join(',') + '}';
}

/** TxnLogToolkit.getFormattedTxnStr, with jute's `toString()` for the records it does not special-case. */
function formattedTxnStr(r: TxnRecord): string {
  const acl = (list: readonly ACL[]): string => javaListToString(list.map(aclToString));
  switch (r.type) {
    case 'create':
      return `${r.path},${checkNullToEmpty(r.data)},${acl(r.acl)},${r.ephemeral},${r.parentCVersion}`;
    case 'setData':
      return `${r.path},${checkNullToEmpty(r.data)},${r.version}`;
    case 'createContainer':
      return `${r.path},${checkNullToEmpty(r.data)},${acl(r.acl)},${r.parentCVersion}`;
    case 'createTTL':
      return `${r.path},${checkNullToEmpty(r.data)},${acl(r.acl)},${r.parentCVersion},${r.ttl}`;
    case 'multi':
      return r.txns.map((t) => `${OP_NAMES[t.type]}:${javaUtf8(juteBinary(t))}`).join(';');
    // the rest: jute Record.toString() (a top-level record, so a final newline)
    case 'delete':
    case 'deleteContainer':
      return `${toCSVString(r.path)}\n`;
    case 'setACL':
      return `${toCSVString(r.path)},${aclVector(r.acl)},${r.version}\n`;
    case 'check':
      return `${toCSVString(r.path)},${r.version}\n`;
    case 'createSession':
      return `${r.timeOut}\n`;
    case 'closeSession':
      return `v{${r.paths2Delete.map(toCSVString).join(',')}}\n`;
    case 'error':
      return `${r.err}\n`;
  }
}

/** BinaryOutputArchive: big-endian ints and longs, length-prefixed UTF-8 strings and buffers (-1 = null). */
class JuteWriter {
  private readonly bytes: number[] = [];
  int(v: number): void {
    const u = v >>> 0;
    this.bytes.push(u >>> 24, (u >>> 16) & 0xff, (u >>> 8) & 0xff, u & 0xff);
  }
  long(v: number): void {
    const b = BigInt.asUintN(64, BigInt(v));
    for (let shift = 56n; shift >= 0n; shift -= 8n) this.bytes.push(Number((b >> shift) & 0xffn));
  }
  bool(v: boolean): void {
    this.bytes.push(v ? 1 : 0);
  }
  buffer(b: Uint8Array | null): void {
    if (b === null) return this.int(-1);
    this.int(b.length);
    for (const x of b) this.bytes.push(x);
  }
  string(s: string): void {
    this.buffer(new TextEncoder().encode(s));
  }
  acl(list: readonly ACL[]): void {
    this.int(list.length);
    for (const a of list) {
      this.int(a.perms);
      this.string(a.id.scheme);
      this.string(a.id.id);
    }
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** A sub-txn of a multi as PrepRequestProcessor stores it in MultiTxn: `txn.serialize(BinaryOutputArchive)`. */
export function juteBinary(r: TxnRecord): Uint8Array {
  const w = new JuteWriter();
  switch (r.type) {
    case 'create':
      w.string(r.path); w.buffer(r.data); w.acl(r.acl); w.bool(r.ephemeral); w.int(r.parentCVersion);
      break;
    case 'createContainer':
      w.string(r.path); w.buffer(r.data); w.acl(r.acl); w.int(r.parentCVersion);
      break;
    case 'createTTL':
      w.string(r.path); w.buffer(r.data); w.acl(r.acl); w.int(r.parentCVersion); w.long(r.ttl);
      break;
    case 'delete':
    case 'deleteContainer':
      w.string(r.path);
      break;
    case 'setData':
      w.string(r.path); w.buffer(r.data); w.int(r.version);
      break;
    case 'setACL':
      w.string(r.path); w.acl(r.acl); w.int(r.version);
      break;
    case 'check':
      w.string(r.path); w.int(r.version);
      break;
    case 'createSession':
      w.int(r.timeOut);
      break;
    case 'closeSession':
      w.int(r.paths2Delete.length);
      for (const p of r.paths2Delete) w.string(p);
      break;
    case 'error':
      w.int(r.err);
      break;
    case 'multi':
      break; // a multi never holds a multi
  }
  return w.done();
}

/** TxnLogToolkit.printTxn: what it prints for one entry, newline included (it may hold several lines). */
export function formatTxnLogEntry(t: LoggedTxn): string {
  const txn = t.txn as Txn;
  const r = txn.record;
  const line = `${javaShortLongDateTime(t.time)} session ${hexLong(txn.clientId)} cxid ${hexLong(txn.cxid)} zxid ${hex(t.zxid)} ${OP_NAMES[r.type]} ${formattedTxnStr(r)}`;
  return line.endsWith('\n') ? line : line + '\n';
}

/**
 * What `lab txnlog S [N]` prints for server `sid`'s disk: the whole log, as TxnLogToolkit prints
 * it, or with `last` only its last `last` txns (the header and the EOF line still count them all).
 */
export function txnLogLines(sid: Sid, disk: PeerDisk, last: number | null = null): string[] {
  const name = `zk${sid}`;
  if (disk.log.length === 0) {
    return [disk.snapshotZxid === 0
      ? `${name} has no transaction log: its disk is empty (a new or wiped server writes log.<zxid> with its first txn)`
      : `${name} has no transaction log after its snapshot: snapshot.${disk.snapshotZxid.toString(16)} holds every txn up to ${hex(disk.snapshotZxid)}`];
  }
  const shown = last === null || last >= disk.log.length ? disk.log : disk.log.slice(-last);
  let text = TXNLOG_HEADER + '\n';
  if (shown !== disk.log) {
    text += `(lab: showing the last ${shown.length} of the ${disk.log.length} txns in ${name}'s log)\n`;
  }
  for (const t of shown) text += formatTxnLogEntry(t);
  text += `EOF reached after ${disk.log.length} txns.\n`;
  return text.replace(/\n$/, '').split('\n');
}
