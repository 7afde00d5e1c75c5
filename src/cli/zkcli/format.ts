/**
 * Java formatting zkCli's output depends on: `new Date(ms).toString()` in UTC, `Long.toHexString`,
 * StatPrinter, jute's `Id.toString()` (CSV) and ZKUtil.getPermString (ZooKeeper 3.8).
 */
import type { ACL, Id } from '../../protocol/acl/acl.ts';
import type { Stat } from '../../protocol/datatree/types.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Howard Hinnant's civil_from_days: days since 1970-01-01 → [year, month 1..12, day 1..31]. */
export function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** `new Date(ms).toString()` with the JVM in UTC: `Sun Nov 22 01:44:02 UTC 2026`. */
export function javaDateToString(ms: number): string {
  const days = Math.floor(ms / 86400000);
  const msOfDay = ms - days * 86400000;
  const [y, m, d] = civilFromDays(days);
  const dow = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const secs = Math.floor(msOfDay / 1000);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  return `${DAYS[dow]} ${MONTHS[m - 1]} ${pad2(d)} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)} UTC ${y}`;
}

/** `"0x" + Long.toHexString(v)`: lowercase, unpadded, two's complement for negatives. */
export function hexLong(v: number | bigint): string {
  const b = typeof v === 'bigint' ? v : BigInt(v);
  return '0x' + BigInt.asUintN(64, b).toString(16);
}

/** StatPrinter.print */
export function formatStat(stat: Stat): string[] {
  return [
    'cZxid = ' + hexLong(stat.czxid),
    'ctime = ' + javaDateToString(stat.ctime),
    'mZxid = ' + hexLong(stat.mzxid),
    'mtime = ' + javaDateToString(stat.mtime),
    'pZxid = ' + hexLong(stat.pzxid),
    'cversion = ' + stat.cversion,
    'dataVersion = ' + stat.version,
    'aclVersion = ' + stat.aversion,
    'ephemeralOwner = ' + hexLong(stat.ephemeralOwner),
    'dataLength = ' + stat.dataLength,
    'numChildren = ' + stat.numChildren,
  ];
}

/** jute Utils.toCSVString (ToStringOutputArchive.escapeString is the same): quoted, with `\0 \n \r , } %` escaped. */
export function toCSVString(s: string): string {
  let out = "'";
  for (const c of s) {
    switch (c) {
      case '\0': out += '%00'; break;
      case '\n': out += '%0A'; break;
      case '\r': out += '%0D'; break;
      case ',': out += '%2C'; break;
      case '}': out += '%7D'; break;
      case '%': out += '%25'; break;
      default: out += c;
    }
  }
  return out;
}

/** jute `Id.toString()`: CSV record, ending with a newline — hence getAcl's two lines. */
export function idToString(id: Id): string {
  return toCSVString(id.scheme) + ',' + toCSVString(id.id) + '\n';
}

/** ZKUtil.getPermString: letters in the order c, d, r, w, a. */
export function getPermString(perms: number): string {
  let p = '';
  if (perms & 4) p += 'c';
  if (perms & 8) p += 'd';
  if (perms & 1) p += 'r';
  if (perms & 2) p += 'w';
  if (perms & 16) p += 'a';
  return p;
}

/** What GetAclCommand prints for one ACL entry (println of `id + ": " + perms`). */
export function formatAcl(a: ACL): string {
  return idToString(a.id) + ': ' + getPermString(a.perms);
}

/** `List.toString()`: `[a, b]`. */
export function javaListToString(items: readonly string[]): string {
  return '[' + items.join(', ') + ']';
}
