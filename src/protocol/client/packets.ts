/**
 * What travels between a client (ClientCnxn) and the server it is connected to (ServerCnxn):
 * ConnectRequest / ConnectResponse, requests with their xid, replies (ReplyHeader xid, zxid,
 * err) and watch notifications (xid −1). Pings use xid −2 and auth xid −4, as in ZooKeeper.
 */
import type { ACL } from '../acl/acl.ts';
import type { CreateMode, EventType, Op, SessionId } from '../datatree/types.ts';

export const NOTIFICATION_XID = -1;
export const PING_XID = -2;
export const AUTHPACKET_XID = -4;
export const SET_WATCHES_XID = -8;

export type AddWatchMode = 'PERSISTENT' | 'PERSISTENT_RECURSIVE';
export type WatcherTypeName = 'Children' | 'Data' | 'Any';

/** A client operation (the request body of ZooKeeper's client API). */
export type ClientOp =
  | { op: 'create'; path: string; data: Uint8Array | null; acl: ACL[]; mode: CreateMode; ttl: number }
  | { op: 'delete'; path: string; version: number }
  | { op: 'setData'; path: string; data: Uint8Array | null; version: number }
  | { op: 'setACL'; path: string; acl: ACL[]; version: number }
  | { op: 'multi'; ops: Op[] }
  | { op: 'sync'; path: string }
  | { op: 'getData'; path: string; watch: boolean }
  | { op: 'exists'; path: string; watch: boolean }
  | { op: 'getChildren'; path: string; watch: boolean }
  | { op: 'getACL'; path: string }
  | { op: 'getAllChildrenNumber'; path: string }
  | { op: 'getEphemerals'; prefixPath: string | null }
  | { op: 'whoAmI' }
  | { op: 'getConfig'; watch: boolean }
  | { op: 'reconfig'; joiningServers?: string | null; leavingServers?: string | null; newMembers?: string | null; curConfigId?: number }
  | { op: 'ping' }
  | { op: 'addWatch'; path: string; mode: AddWatchMode }
  | { op: 'removeWatches'; path: string; type: WatcherTypeName; local: boolean }
  | { op: 'auth'; scheme: string; auth: Uint8Array | null }
  | { op: 'closeSession' };

export function isWriteOp(op: ClientOp): boolean {
  switch (op.op) {
    case 'create':
    case 'delete':
    case 'setData':
    case 'setACL':
    case 'multi':
    case 'closeSession':
    case 'reconfig':
      return true;
    default:
      return false;
  }
}

export interface WatchesToSet {
  relativeZxid: number;
  data: string[];
  exist: string[];
  child: string[];
  persistent: string[];
  persistentRecursive: string[];
}

export type ClientPacket =
  | { type: 'ConnectRequest'; lastZxidSeen: number; timeOut: number; sessionId: SessionId; watches: WatchesToSet | null }
  | { type: 'ConnectResponse'; timeOut: number; sessionId: SessionId }
  | { type: 'Request'; xid: number; op: ClientOp }
  | { type: 'Reply'; xid: number; zxid: number; err: number; result?: unknown }
  | { type: 'WatcherEvent'; eventType: EventType; path: string };
