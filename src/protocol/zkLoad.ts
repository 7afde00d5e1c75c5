/**
 * ZooKeeper under `lab load` (src/sim/load.ts): what a load client sends — getData (a read, served
 * by the server it talks to, from its own DataTree) and setData (a write: forwarded to the leader,
 * proposed, logged and ACKed by the voters, committed, applied everywhere, answered by the server
 * the client talks to) of the shared znode /load — and the cost model: the simulated service
 * time each input costs the server that handles it.
 *
 * The cost model (whole ms of one server's time; a server does one thing at a time):
 *
 *   read (getData, at the client's server)                     READ
 *   write arriving at a follower or observer (forward REQUEST) FORWARD
 *   write arriving at the leader (PrepRequestProcessor, log)   PREP
 *   each PROPOSAL / COMMIT / INFORM the leader sends           SEND
 *   an ACK at the leader (and the commit it may decide)        ACK
 *   a PROPOSAL at a follower (log, then ACK)                   LOG
 *   a COMMIT at a follower (apply, answer its client)          APPLY
 *   an INFORM at an observer (log and apply)                   LOG + APPLY
 *   anything else (pings, elections, timers)                   0
 *
 * So a write costs the leader PREP + (voters - 1)·(2·SEND + ACK) + observers·SEND: the more voters,
 * the fewer writes a second; a read costs only the server that serves it: the more servers, the
 * more reads a second. Calibrated for the shape of Figure 5 of the ZooKeeper paper (Hunt et al.,
 * USENIX ATC 2010), not its numbers: the README's "Load and the cost model" has the sums.
 */
import type { LoadModule } from '../sim/load.ts';
import type { NodeInput, NodeOutput } from '../sim/node.ts';
import type { ClientReply, ClientRequest } from './zab/Zab.ts';
import type { Channel } from './types.ts';
import type { WireMessage } from './QuorumPeer.ts';

export const COST = {
  READ: 10,
  FORWARD: 2,
  PREP: 10,
  SEND: 1,
  ACK: 3,
  LOG: 3,
  APPLY: 3,
} as const;

/** The znode every load client reads and writes. */
export const LOAD_PATH = '/load';
/** Load client i's session id (no session is created: like the lab's scripted writes, the requests go straight to the server). */
export const LOAD_SESSION_BASE = 0x10ad00000000n;
const MAX_LOAD_CLIENTS = 1 << 16;

/** A read of the load's znode, answered by the server it is sent to (a request input, like the scripted writes). */
export interface LoadRead {
  sessionId: bigint;
  cxid: number;
  request: { type: 'getData'; path: string };
  authInfo: [];
}

export function isLoadRead(req: unknown): req is LoadRead {
  return (req as LoadRead).request?.type === 'getData';
}

const OPEN_ACL = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

export const zookeeperLoad: LoadModule = {
  request(kind, client, seq) {
    const sessionId = LOAD_SESSION_BASE + BigInt(client);
    if (kind === 'read') return { sessionId, cxid: seq, request: { type: 'getData', path: LOAD_PATH }, authInfo: [] } satisfies LoadRead;
    return {
      sessionId,
      cxid: seq,
      authInfo: [],
      request: { type: 'setData', path: LOAD_PATH, data: new TextEncoder().encode(`c${client}.${seq}`), version: -1 },
    } satisfies ClientRequest;
  },
  setupRequest() {
    // Client 0's request 0: create /load (NODEEXISTS if an earlier load made it; not counted).
    return {
      sessionId: LOAD_SESSION_BASE,
      cxid: 0,
      authInfo: [],
      request: { type: 'create', path: LOAD_PATH, data: new TextEncoder().encode('0'), acl: OPEN_ACL, mode: 'PERSISTENT' },
    } satisfies ClientRequest;
  },
  replyOf(reply) {
    const r = reply as ClientReply;
    if (typeof r.sessionId !== 'bigint') return null;
    const client = r.sessionId - LOAD_SESSION_BASE;
    if (client < 0n || client >= BigInt(MAX_LOAD_CLIENTS)) return null;
    return { client: Number(client), seq: r.cxid, ok: r.err === 0 };
  },
};

const BROADCAST = new Set(['PROPOSAL', 'COMMIT', 'INFORM', 'COMMITANDACTIVATE', 'INFORMANDACTIVATE']);

/** The service time of one input of a ZooKeeper server (the table above). */
export function zookeeperServiceCost(input: NodeInput<WireMessage, ClientRequest, Channel>, outputs: ReadonlyArray<NodeOutput<unknown, unknown, unknown, unknown, Channel>>): number {
  let sends = 0;
  let forwards = false;
  for (const o of outputs) {
    if (o.type !== 'send' || o.channel !== 'quorum') continue;
    const type = (o.msg as WireMessage).type;
    if (BROADCAST.has(type)) sends += 1;
    else if (type === 'REQUEST') forwards = true;
  }
  let base = 0;
  if (input.type === 'request') {
    if (isLoadRead(input.req)) base = COST.READ;
    else base = forwards ? COST.FORWARD : COST.PREP;
  } else if (input.type === 'message' && input.channel === 'quorum') {
    switch ((input.msg as WireMessage).type) {
      case 'REQUEST':
        base = COST.PREP;
        break;
      case 'ACK':
        base = COST.ACK;
        break;
      case 'PROPOSAL':
        base = COST.LOG;
        break;
      case 'COMMIT':
      case 'COMMITANDACTIVATE':
        base = COST.APPLY;
        break;
      case 'INFORM':
      case 'INFORMANDACTIVATE':
        base = COST.LOG + COST.APPLY;
        break;
    }
  }
  return base + sends * COST.SEND;
}
