/**
 * A ZooKeeper client connection (ZK/ClientCnxn: SendThread + EventThread) as a pure state
 * machine, stepped by the simulation like a server: connect with a ConnectRequest, send
 * requests and pings, time out when the server falls silent (readTimeout = 2/3 of the
 * negotiated session timeout), reconnect with the same session id and watches, and report
 * session events (SyncConnected, Disconnected, Expired, AuthFailed, Closed) and watch events.
 * ZooKeeper 3.8 (watches, reconnect), §4 (sessions).
 */
import { Code } from '../datatree/KeeperException.ts';
import type { EventType } from '../datatree/types.ts';
import {
  clientContainsWatcher, clientRemoveWatcher, createClientWatchManager, DEFAULT_WATCHER, materialize, registerWatch,
  watchesForReconnect, type ClientWatchManager,
} from '../watch/ClientWatchManager.ts';
import type { Sid } from '../types.ts';
import { AUTHPACKET_XID, PING_XID, type ClientOp, type ClientPacket } from './packets.ts';

/** ZooKeeper.States as zkCli's prompt shows them. */
export type ClientStateName = 'CONNECTING' | 'CONNECTED' | 'CLOSED' | 'AUTH_FAILED';
export type KeeperState = 'SyncConnected' | 'Disconnected' | 'Expired' | 'AuthFailed' | 'Closed';

export interface ClientCnxnState {
  cid: number;
  /** The server this client is connected (or connecting) to. */
  server: Sid;
  /** The connect string's hosts, in order; after a lost connection the client tries the next. */
  hosts: Sid[];
  state: ClientStateName;
  /** Whether a transport connection is open (or being opened). */
  socket: 'none' | 'connecting' | 'open';
  sessionId: bigint;
  /** Requested session timeout (zkCli's default 30000). */
  sessionTimeout: number;
  negotiatedTimeout: number;
  nextXid: number;
  lastZxid: number;
  /** Requests on the wire, oldest first: replies come back in this order. */
  sent: Array<{ xid: number; tag: number; op: ClientOp }>;
  /** Requests waiting for a connection. */
  queue: Array<{ tag: number; op: ClientOp }>;
  /** Auth data to present again after a reconnect. */
  authInfo: Array<{ scheme: string; auth: Uint8Array | null }>;
  watches: ClientWatchManager;
  /** A close was asked for: the closeSession reply ends the session. */
  closing: boolean;
  /** Reconnect attempts since the last success (for the deterministic back-off jitter). */
  attempts: number;
  timers: Record<string, number>;
  nextTimerToken: number;
}

/** What the lab's `addClient` takes for a zkCli session: the server it connects to first, its timeout and connect string. */
export interface ZkClientArgs {
  server: Sid;
  sessionTimeout: number;
  hosts: Sid[];
}

export type ClientInput =
  | { type: 'start' }
  | { type: 'op'; tag: number; op: ClientOp }
  | { type: 'close'; tag: number }
  | { type: 'message'; msg: ClientPacket }
  | { type: 'timer'; name: string; token: number }
  | { type: 'connectionLost' };

/** What the application (zkCli) hears. */
export type ClientNotice =
  | { kind: 'event'; state: KeeperState; type: EventType; path: string | null }
  | { kind: 'reply'; tag: number; err: number; zxid: number; result?: unknown };

export type ClientOutput =
  | { type: 'send'; to: Sid; channel: 'client'; msg: ClientPacket; newConnection?: boolean }
  | { type: 'setTimer'; name: string; token: number; afterMs: number }
  | { type: 'cancelTimer'; name: string }
  | { type: 'disconnect'; peer: Sid; channel: 'client' }
  | { type: 'notice'; notice: ClientNotice };

export function createClient(cid: number, server: Sid, sessionTimeout = 30000, hosts: Sid[] = [server]): ClientCnxnState {
  return {
    cid, server, hosts, state: 'CONNECTING', socket: 'none', sessionId: 0n, sessionTimeout, negotiatedTimeout: 0,
    nextXid: 1, lastZxid: 0, sent: [], queue: [], authInfo: [], watches: createClientWatchManager(),
    closing: false, attempts: 0, timers: {}, nextTimerToken: 0,
  };
}

class Ctx {
  readonly out: ClientOutput[] = [];
  constructor(private readonly c: ClientCnxnState, readonly now: number) {}
  send(msg: ClientPacket, newConnection = false): void {
    this.out.push(newConnection ? { type: 'send', to: this.c.server, channel: 'client', msg, newConnection } : { type: 'send', to: this.c.server, channel: 'client', msg });
  }
  setTimer(name: string, afterMs: number): void {
    const token = ++this.c.nextTimerToken;
    this.c.timers[name] = token;
    this.out.push({ type: 'setTimer', name, token, afterMs });
  }
  cancelTimer(name: string): void {
    if (this.c.timers[name] === undefined) return;
    delete this.c.timers[name];
    this.out.push({ type: 'cancelTimer', name });
  }
  notice(n: ClientNotice): void {
    this.out.push({ type: 'notice', notice: n });
  }
  disconnect(): void {
    this.out.push({ type: 'disconnect', peer: this.c.server, channel: 'client' });
  }
}

function readTimeout(c: ClientCnxnState): number {
  return Math.floor(((c.negotiatedTimeout || c.sessionTimeout) * 2) / 3);
}

/** ClientCnxn's ping interval: half the read timeout, at most 10 s (MAX_SEND_PING_INTERVAL). */
function pingInterval(c: ClientCnxnState): number {
  return Math.min(Math.floor(readTimeout(c) / 2), 10000);
}

/** A session event to every watcher (type None). */
function sessionEvent(c: ClientCnxnState, state: KeeperState, ctx: Ctx): void {
  if (materialize(c.watches, 'None', null).includes(DEFAULT_WATCHER)) ctx.notice({ kind: 'event', state, type: 'None', path: null });
}

function startConnect(c: ClientCnxnState, ctx: Ctx): void {
  c.socket = 'connecting';
  const w = c.sessionId !== 0n ? watchesForReconnect(c.watches) : null;
  const watches = w && (w.dataWatches.length + w.existWatches.length + w.childWatches.length + w.persistentWatches.length + w.persistentRecursiveWatches.length) > 0
    ? { relativeZxid: c.lastZxid, data: w.dataWatches, exist: w.existWatches, child: w.childWatches, persistent: w.persistentWatches, persistentRecursive: w.persistentRecursiveWatches }
    : null;
  ctx.send({ type: 'ConnectRequest', lastZxidSeen: c.lastZxid, timeOut: c.sessionTimeout, sessionId: c.sessionId, watches }, true);
  // connectTimeout = sessionTimeout / number of hosts (one here).
  ctx.setTimer('read', c.sessionTimeout);
}

/** Transport gone: fail what was in flight, tell the watchers once, and try again. */
function lostConnection(c: ClientCnxnState, ctx: Ctx): void {
  const wasConnected = c.socket === 'open' && c.state === 'CONNECTED';
  if (c.socket !== 'none') ctx.disconnect();
  c.socket = 'none';
  ctx.cancelTimer('ping');
  ctx.cancelTimer('read');
  const err = c.state === 'AUTH_FAILED' ? Code.AUTHFAILED : Code.CONNECTIONLOSS;
  for (const p of c.sent) if (p.xid > 0) ctx.notice({ kind: 'reply', tag: p.tag, err, zxid: -1 });
  c.sent = [];
  // ClientCnxn.cleanup(): the outgoing queue fails too, so a request made while the client is
  // reconnecting (e.g. its only server is down) gets ConnectionLoss at the next failed attempt.
  for (const q of c.queue) ctx.notice({ kind: 'reply', tag: q.tag, err, zxid: -1 });
  c.queue = [];
  if (c.state === 'AUTH_FAILED' || c.state === 'CLOSED') return;
  if (c.closing) {
    c.state = 'CLOSED';
    sessionEvent(c, 'Closed', ctx);
    return;
  }
  if (wasConnected) sessionEvent(c, 'Disconnected', ctx);
  c.state = 'CONNECTING';
  c.attempts += 1;
  // StaticHostProvider.next(): the next host of the connect string (the same one if it is alone).
  const i = c.hosts.indexOf(c.server);
  c.server = c.hosts[(i + 1) % c.hosts.length] ?? c.server;
  // ClientCnxn sleeps a random 0..1000 ms before reconnecting; here the jitter is a hash of (cid, attempt).
  ctx.setTimer('reconnect', jitter(c.cid, c.attempts));
}

function jitter(cid: number, attempt: number): number {
  let h = Math.imul(cid ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(attempt, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2d);
  return ((h >>> 0) % 1000) + 1;
}

function sendRequest(c: ClientCnxnState, tag: number, op: ClientOp, ctx: Ctx): void {
  const xid = op.op === 'auth' ? AUTHPACKET_XID : c.nextXid++;
  c.sent.push({ xid, tag, op });
  ctx.send({ type: 'Request', xid, op });
}

export function stepClient(c: ClientCnxnState, input: ClientInput, now: number): ClientOutput[] {
  const ctx = new Ctx(c, now);
  switch (input.type) {
    case 'start':
      startConnect(c, ctx);
      break;
    case 'op': {
      const op = input.op;
      if (c.state === 'CLOSED' || c.state === 'AUTH_FAILED') {
        ctx.notice({ kind: 'reply', tag: input.tag, err: c.state === 'CLOSED' ? Code.SESSIONEXPIRED : Code.AUTHFAILED, zxid: -1 });
        break;
      }
      if (op.op === 'removeWatches') {
        // The local check comes first (ZKWatchManager.containsWatcher): no watch, no request.
        if (!clientContainsWatcher(c.watches, op.path, null, op.type)) {
          ctx.notice({ kind: 'reply', tag: input.tag, err: Code.NOWATCHER, zxid: -1 });
          break;
        }
        if (op.local) {
          finishRemoveWatches(c, input.tag, op, Code.OK, ctx);
          break;
        }
      }
      if (op.op === 'auth') c.authInfo.push({ scheme: op.scheme, auth: op.auth });
      if (c.state === 'CONNECTED' && c.socket === 'open') sendRequest(c, input.tag, op, ctx);
      else c.queue.push({ tag: input.tag, op });
      break;
    }
    case 'close':
      if (c.state === 'CLOSED' || c.state === 'AUTH_FAILED') {
        ctx.notice({ kind: 'reply', tag: input.tag, err: 0, zxid: -1 });
        break;
      }
      c.closing = true;
      if (c.state === 'CONNECTED' && c.socket === 'open') {
        sendRequest(c, input.tag, { op: 'closeSession' }, ctx);
      } else {
        for (const name of Object.keys(c.timers)) ctx.cancelTimer(name);
        if (c.socket !== 'none') ctx.disconnect();
        c.socket = 'none';
        c.state = 'CLOSED';
        sessionEvent(c, 'Closed', ctx);
        ctx.notice({ kind: 'reply', tag: input.tag, err: 0, zxid: -1 });
      }
      break;
    case 'message':
      onPacket(c, input.msg, ctx);
      break;
    case 'timer':
      if (c.timers[input.name] !== input.token) break;
      delete c.timers[input.name];
      if (input.name === 'reconnect') {
        if (c.state === 'CONNECTING') startConnect(c, ctx);
      } else if (input.name === 'read') {
        // "Client session timed out, have not heard from server in …ms"
        lostConnection(c, ctx);
      } else if (input.name === 'ping') {
        if (c.state === 'CONNECTED' && c.socket === 'open') {
          c.sent.push({ xid: PING_XID, tag: -1, op: { op: 'ping' } });
          ctx.send({ type: 'Request', xid: PING_XID, op: { op: 'ping' } });
          ctx.setTimer('ping', pingInterval(c));
        }
      }
      break;
    case 'connectionLost':
      if (c.socket !== 'none') {
        c.socket = 'open';
        lostConnection(c, ctx);
      }
      break;
  }
  return ctx.out;
}

function onPacket(c: ClientCnxnState, msg: ClientPacket, ctx: Ctx): void {
  if (c.socket === 'none') return;
  if (c.state !== 'AUTH_FAILED') ctx.setTimer('read', readTimeout(c));
  switch (msg.type) {
    case 'ConnectResponse': {
      if (msg.timeOut <= 0) {
        // The session is gone (expired while we were away).
        c.state = 'CLOSED';
        ctx.cancelTimer('read');
        ctx.disconnect();
        c.socket = 'none';
        sessionEvent(c, 'Expired', ctx);
        for (const q of c.queue) ctx.notice({ kind: 'reply', tag: q.tag, err: Code.SESSIONEXPIRED, zxid: -1 });
        c.queue = [];
        return;
      }
      c.socket = 'open';
      c.state = 'CONNECTED';
      c.attempts = 0;
      c.sessionId = msg.sessionId;
      c.negotiatedTimeout = msg.timeOut;
      ctx.setTimer('read', readTimeout(c));
      ctx.setTimer('ping', pingInterval(c));
      sessionEvent(c, 'SyncConnected', ctx);
      // primeConnection: auth data first, then whatever waited for the connection.
      const queued = c.queue;
      c.queue = [];
      for (const a of c.authInfo) {
        if (queued.some((q) => q.op.op === 'auth' && q.op.scheme === a.scheme && q.op.auth === a.auth)) continue;
        c.sent.push({ xid: AUTHPACKET_XID, tag: -1, op: { op: 'auth', scheme: a.scheme, auth: a.auth } });
        ctx.send({ type: 'Request', xid: AUTHPACKET_XID, op: { op: 'auth', scheme: a.scheme, auth: a.auth } });
      }
      for (const q of queued) sendRequest(c, q.tag, q.op, ctx);
      return;
    }
    case 'WatcherEvent': {
      const watchers = materialize(c.watches, msg.eventType, msg.path);
      if (watchers.includes(DEFAULT_WATCHER)) ctx.notice({ kind: 'event', state: 'SyncConnected', type: msg.eventType, path: msg.path });
      return;
    }
    case 'Reply': {
      if (msg.zxid > c.lastZxid) c.lastZxid = msg.zxid;
      if (msg.xid === PING_XID) {
        const i = c.sent.findIndex((p) => p.xid === PING_XID);
        if (i >= 0) c.sent.splice(i, 1);
        return;
      }
      if (msg.xid === AUTHPACKET_XID) {
        const i = c.sent.findIndex((p) => p.xid === AUTHPACKET_XID);
        const p = i >= 0 ? c.sent.splice(i, 1)[0] : undefined;
        if (msg.err === Code.AUTHFAILED) {
          c.state = 'AUTH_FAILED';
          sessionEvent(c, 'AuthFailed', ctx);
        } else if (p && p.tag >= 0) {
          ctx.notice({ kind: 'reply', tag: p.tag, err: msg.err, zxid: msg.zxid });
        }
        return;
      }
      const i = c.sent.findIndex((p) => p.xid === msg.xid);
      if (i < 0) return;
      const p = c.sent.splice(i, 1)[0]!;
      registerFromReply(c, p.op, msg.err);
      if (p.op.op === 'removeWatches') {
        finishRemoveWatches(c, p.tag, p.op, msg.err, ctx);
        return;
      }
      ctx.notice({ kind: 'reply', tag: p.tag, err: msg.err, zxid: msg.zxid, result: msg.result });
      if (p.op.op === 'closeSession') {
        c.state = 'CLOSED';
        for (const name of Object.keys(c.timers)) ctx.cancelTimer(name);
        ctx.disconnect();
        c.socket = 'none';
        sessionEvent(c, 'Closed', ctx);
      }
      return;
    }
    default:
      return;
  }
}

/** WatchRegistration.register: a watch exists on the client once the reply says so. */
function registerFromReply(c: ClientCnxnState, op: ClientOp, err: number): void {
  switch (op.op) {
    case 'getData':
      if (op.watch) registerWatch(c.watches, 'data', op.path, err);
      return;
    case 'getConfig':
      if (op.watch) registerWatch(c.watches, 'data', '/zookeeper/config', err);
      return;
    case 'exists':
      if (op.watch) registerWatch(c.watches, 'exists', op.path, err);
      return;
    case 'getChildren':
      if (op.watch) registerWatch(c.watches, 'child', op.path, err);
      return;
    case 'addWatch':
      if (err === Code.OK) registerWatch(c.watches, op.mode, op.path, err);
      return;
    default:
      return;
  }
}

function finishRemoveWatches(c: ClientCnxnState, tag: number, op: Extract<ClientOp, { op: 'removeWatches' }>, rc: number, ctx: Ctx): void {
  const r = clientRemoveWatcher(c.watches, op.path, null, op.type, op.local, rc === Code.OK ? Code.OK : Code.NOWATCHER);
  if (!r.ok) {
    ctx.notice({ kind: 'reply', tag, err: r.code, zxid: -1 });
    return;
  }
  for (const ev of r.events) if (ev.watchers.includes(DEFAULT_WATCHER)) ctx.notice({ kind: 'event', state: 'SyncConnected', type: ev.type, path: op.path });
  ctx.notice({ kind: 'reply', tag, err: 0, zxid: -1 });
}
