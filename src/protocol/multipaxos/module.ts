/**
 * Multi-Paxos as a protocol module (src/sim/module.ts): N replicas, each proposer + acceptor +
 * learner (Replica.ts), on one datagram channel. The kernel runs it without knowing it is Multi-Paxos.
 */
import type { NodeModule, ProtocolDescription } from '../../sim/module.ts';
import { deepClone } from '../../sim/clone.ts';
import { applyMpDiskOp, emptyMpDisk, shareMpDisk } from './disk.ts';
import { createReplica, stepReplica } from './Replica.ts';
import type {
  MpChannel, MpDisk, MpDiskOp, MpEvent, MpMsg, MpPacketType, MpReply, MpRequest, MultiPaxosConfig, MultiPaxosNode,
  MultiPaxosView,
} from './types.ts';
import { viewReplica } from './view.ts';

/**
 * A copy of a replica for checkpoints and rewinds: a deep copy, except the disk's accepted entries,
 * which are never changed once written (applyMpDiskOp replaces them) and are shared.
 */
export function copyReplica(node: MultiPaxosNode): MultiPaxosNode {
  const copy = deepClone({ ...node, disk: emptyMpDisk() });
  copy.disk = shareMpDisk(node.disk);
  return copy;
}

export const multiPaxosModule: NodeModule<MultiPaxosConfig, MultiPaxosNode, MpMsg, MpRequest, MpEvent, MpDiskOp, MpDisk, MultiPaxosView, MpReply, MpChannel> = {
  id: 'multipaxos',
  // Datagrams: loss, duplicates and drops on cut links are all possible, and all safe.
  channels: { mp: { reliable: false, finOnCrash: false, resendLastOnStart: false } },
  createNode: createReplica,
  stepNode: stepReplica,
  viewNode: viewReplica,
  copyNode: copyReplica,
  emptyDisk: emptyMpDisk,
  applyDiskOp: applyMpDiskOp,
  shareDisk: shareMpDisk,
};

/** Which phase each packet belongs to (the space-time diagram's colours, breakpoints). */
export const MULTIPAXOS_PACKET_PHASES: Readonly<Record<MpPacketType, string>> = {
  PREPARE: 'phase1',
  PROMISE: 'phase1',
  ACCEPT: 'phase2',
  ACCEPTED: 'phase2',
  CHOSEN: 'commit',
  HEARTBEAT: 'heartbeat',
  NACK: 'nack',
  CATCHUP: 'catchup',
};

export const multiPaxosDescription: ProtocolDescription = {
  id: 'multipaxos',
  roles: [
    { id: 'leader', colour: '#d97706' },
    { id: 'candidate', colour: '#9333ea' },
    { id: 'follower', colour: '#2563eb' },
  ],
  packets: (Object.keys(MULTIPAXOS_PACKET_PHASES) as MpPacketType[]).map((type) => ({ type, phase: MULTIPAXOS_PACKET_PHASES[type] })),
  phases: [
    { id: 'phase1', colour: '#9333ea' },
    { id: 'phase2', colour: '#2563eb' },
    { id: 'commit', colour: '#16a34a' },
    { id: 'heartbeat', colour: '#9ca3af' },
    { id: 'nack', colour: '#dc2626' },
    { id: 'catchup', colour: '#0d9488' },
  ],
};
