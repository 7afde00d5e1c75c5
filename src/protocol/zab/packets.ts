/**
 * QuorumPacket (Q/Leader.java packet types; ZooKeeper 3.8): `{type, zxid, data}`. The lab keeps
 * `data` decoded, one optional field per packet kind, so the inspector can show it.
 */
import type { Id } from '../acl/acl.ts';
import type { Request, SessionId } from '../datatree/types.ts';
import type { LoggedTxn, Sid } from '../types.ts';

export type QuorumPacketType =
  | 'REQUEST' | 'PROPOSAL' | 'ACK' | 'COMMIT' | 'PING' | 'REVALIDATE' | 'SYNC' | 'INFORM'
  | 'NEWLEADER' | 'FOLLOWERINFO' | 'UPTODATE' | 'DIFF' | 'TRUNC' | 'SNAP' | 'OBSERVERINFO'
  | 'LEADERINFO' | 'ACKEPOCH' | 'COMMITANDACTIVATE' | 'INFORMANDACTIVATE';

/** The numeric codes of Leader.java, for the inspector. */
export const PACKET_CODES: Record<QuorumPacketType, number> = {
  REQUEST: 1, PROPOSAL: 2, ACK: 3, COMMIT: 4, PING: 5, REVALIDATE: 6, SYNC: 7, INFORM: 8,
  NEWLEADER: 10, FOLLOWERINFO: 11, UPTODATE: 12, DIFF: 13, TRUNC: 14, SNAP: 15, OBSERVERINFO: 16,
  LEADERINFO: 17, ACKEPOCH: 18, COMMITANDACTIVATE: 9, INFORMANDACTIVATE: 19,
};

/** A client's write (or sync) as a server hands it to the leader (Request + its origin). */
export interface ClientRequest {
  sessionId: SessionId;
  cxid: number;
  request: Request | { type: 'sync'; path: string };
  authInfo: Id[];
}

export interface QuorumPacket {
  type: QuorumPacketType;
  zxid: number;
  /** PROPOSAL / INFORM: the txn. */
  txn?: LoggedTxn;
  /** SNAP: the serialized DataTree. */
  snapshot?: unknown;
  /** FOLLOWERINFO / OBSERVERINFO: LearnerInfo. */
  learnerInfo?: { sid: Sid; protocolVersion: number; configVersion: number };
  /** ACKEPOCH: the learner's currentEpoch (or −1); LEADERINFO: the protocol version 0x10000. */
  epoch?: number;
  /** REQUEST / SYNC: the client request a learner forwards, and where it came from. */
  request?: ClientRequest;
  /** PING from a learner: the sessions it touched (sessionId, timeout). */
  sessions?: Array<[SessionId, number]>;
  /** COMMITANDACTIVATE / INFORMANDACTIVATE: Leader.getDesignatedLeader, who leads in the new config. */
  designatedLeader?: Sid;
  /** NEWLEADER with reconfigEnabled: the leader's dynamic config (QuorumVerifier.toString()). */
  config?: string;
  /** REVALIDATE: the session a client reconnected with; the leader's answer says if it is valid. */
  revalidate?: { sessionId: SessionId; timeout?: number; valid?: boolean };
}
