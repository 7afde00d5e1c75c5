/**
 * The read side of FinalRequestProcessor: getData, exists, getChildren, getACL,
 * getAllChildrenNumber, getEphemerals and whoAmI, answered from one server's own tree with the
 * permissions of ZooKeeper 3.8 (3.8.0: exists needs no permission). Reads never consume a zxid.
 *
 * Watch registration is the caller's: each answer says which watch the request leaves behind
 * (`watch`), because ZooKeeper registers getData/getChildren watches only on success but an
 * exists watch even when the node is missing (§3 "Registration").
 */
import { checkACL, getClientInfos, maskDigestIds, Perms, type ACL, type AclConfig, type Id } from '../acl/acl.ts';
import { copyStat, getAllChildrenNumber, getChildrenList, getEphemerals, getNode } from './DataTree.ts';
import { Code } from './KeeperException.ts';
import type { DataTree, SessionId, Stat } from './types.ts';

export type ReadResult<T> = { ok: true; value: T; watch?: WatchToAdd } | { ok: false; code: number; watch?: WatchToAdd };

/** A standard (one-shot) watch to register in the WatchManager for the requesting connection. */
export interface WatchToAdd {
  table: 'data' | 'child';
  path: string;
}

function err<T>(code: number, watch?: WatchToAdd): ReadResult<T> {
  return watch ? { ok: false, code, watch } : { ok: false, code };
}

export function getData(tree: DataTree, path: string, authInfo: Id[], watch: boolean, config: AclConfig = {}): ReadResult<{ data: Uint8Array | null; stat: Stat }> {
  const n = getNode(tree, path);
  if (!n) return err(Code.NONODE);
  if (!checkACL(n.acl, Perms.READ, authInfo, config)) return err(Code.NOAUTH);
  const value = { data: n.data, stat: copyStat(tree, n) };
  return watch ? { ok: true, value, watch: { table: 'data', path } } : { ok: true, value };
}

/** exists/stat: no permission needed in 3.8.0; the data watch is left even for a missing node. */
export function exists(tree: DataTree, path: string, watch: boolean): ReadResult<Stat> {
  if (path.includes('\0')) return err(Code.BADARGUMENTS);
  const w: WatchToAdd | undefined = watch ? { table: 'data', path } : undefined;
  const n = getNode(tree, path);
  if (!n) return err(Code.NONODE, w);
  return w ? { ok: true, value: copyStat(tree, n), watch: w } : { ok: true, value: copyStat(tree, n) };
}

export function getChildren(tree: DataTree, path: string, authInfo: Id[], watch: boolean, config: AclConfig = {}): ReadResult<{ children: string[]; stat: Stat }> {
  const n = getNode(tree, path);
  if (!n) return err(Code.NONODE);
  if (!checkACL(n.acl, Perms.READ, authInfo, config)) return err(Code.NOAUTH);
  const value = { children: getChildrenList(n), stat: copyStat(tree, n) };
  return watch ? { ok: true, value, watch: { table: 'child', path } } : { ok: true, value };
}

/** getACL needs READ or ADMIN; without ADMIN digest ids are masked to `user:x`. */
export function getACL(tree: DataTree, path: string, authInfo: Id[], config: AclConfig = {}): ReadResult<{ acl: ACL[]; stat: Stat }> {
  const n = getNode(tree, path);
  if (!n) return err(Code.NONODE);
  if (!checkACL(n.acl, Perms.READ | Perms.ADMIN, authInfo, config)) return err(Code.NOAUTH);
  const acl = checkACL(n.acl, Perms.ADMIN, authInfo, config) ? n.acl.map((a) => ({ perms: a.perms, id: { ...a.id } })) : maskDigestIds(n.acl);
  return { ok: true, value: { acl, stat: copyStat(tree, n) } };
}

export function getAllChildrenNumberRequest(tree: DataTree, path: string, authInfo: Id[], config: AclConfig = {}): ReadResult<number> {
  const n = getNode(tree, path);
  if (!n) return err(Code.NONODE);
  if (!checkACL(n.acl, Perms.READ, authInfo, config)) return err(Code.NOAUTH);
  return { ok: true, value: getAllChildrenNumber(tree, path) };
}

/** The session's own ephemerals; a prefix filters by plain `startsWith` (ZooKeeper 3.8). */
export function getEphemeralsRequest(tree: DataTree, sessionId: SessionId, prefixPath: string | null): ReadResult<string[]> {
  const all = getEphemerals(tree, sessionId);
  if (prefixPath === null || prefixPath.trim() === '' || prefixPath.trim() === '/') return { ok: true, value: all };
  return { ok: true, value: all.filter((p) => p.startsWith(prefixPath)) };
}

export function whoAmI(authInfo: Id[]): ReadResult<{ authScheme: string; user: string }[]> {
  return { ok: true, value: getClientInfos(authInfo) };
}
