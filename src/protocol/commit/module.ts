/**
 * 2PC and 3PC as protocol modules (src/sim/module.ts): one coordinator and N participants
 * (node.ts) on one datagram channel. The two modules share every function; they differ in their
 * id (the `?protocol=` value) and the configuration's variant, which selects rules.ts.
 */
import type { NodeModule, PacketSpec, ProtocolDescription } from '../../sim/module.ts';
import { deepClone } from '../../sim/clone.ts';
import { applyCommitDiskOp, emptyCommitDisk, shareCommitDisk } from './disk.ts';
import { createCommitNode, stepCommitNode } from './node.ts';
import type {
  CommitChannel, CommitConfig, CommitDisk, CommitDiskOp, CommitEvent, CommitMsg, CommitNode, CommitPacketType, CommitReply,
  CommitRequest, CommitVariant, CommitView,
} from './types.ts';
import { viewCommitNode } from './view.ts';

/** A copy for checkpoints: a deep copy, except the log's entries, which are never changed once written. */
export function copyCommitNode(node: CommitNode): CommitNode {
  const copy = deepClone({ ...node, disk: emptyCommitDisk() });
  copy.disk = shareCommitDisk(node.disk);
  return copy;
}

export type CommitModule = NodeModule<CommitConfig, CommitNode, CommitMsg, CommitRequest, CommitEvent, CommitDiskOp, CommitDisk, CommitView, CommitReply, CommitChannel>;

function commitModule(id: CommitVariant): CommitModule {
  return {
    id,
    // Datagrams: loss, duplicates and drops on cut links; the coordinator sends its decisions
    // again until ACKed, and a participant that waits asks again.
    channels: { commit: { reliable: false, finOnCrash: false, resendLastOnStart: false } },
    createNode: createCommitNode,
    stepNode: stepCommitNode,
    viewNode: viewCommitNode,
    copyNode: copyCommitNode,
    emptyDisk: emptyCommitDisk,
    applyDiskOp: applyCommitDiskOp,
    shareDisk: shareCommitDisk,
    // A `begin` (or a `vote`) sent to a process that is down is refused at once.
    refuseRequest: (req) => ({ type: 'rejected', txn: req.value, reason: 'down' }),
  };
}

export const twoPcModule = commitModule('2pc');
export const threePcModule = commitModule('3pc');

/** Which phase each packet belongs to (the space-time diagram's colours, breakpoints). */
export const COMMIT_PACKET_PHASES: Readonly<Record<CommitPacketType, string>> = {
  'VOTE-REQUEST': 'vote',
  'CAN-COMMIT': 'vote',
  'VOTE-COMMIT': 'vote',
  'VOTE-ABORT': 'vote',
  'PRE-COMMIT': 'precommit',
  'GLOBAL-COMMIT': 'commit',
  'DO-COMMIT': 'commit',
  'GLOBAL-ABORT': 'abort',
  ACK: 'ack',
  'DECISION-REQUEST': 'termination',
  DECISION: 'termination',
};

const ONLY: Record<CommitVariant, readonly CommitPacketType[]> = {
  '2pc': ['VOTE-REQUEST', 'GLOBAL-COMMIT'],
  '3pc': ['CAN-COMMIT', 'PRE-COMMIT', 'DO-COMMIT'],
};

export function commitDescription(variant: CommitVariant): ProtocolDescription {
  const other: CommitVariant = variant === '2pc' ? '3pc' : '2pc';
  const packets: PacketSpec[] = (Object.keys(COMMIT_PACKET_PHASES) as CommitPacketType[])
    .filter((type) => !ONLY[other].includes(type))
    .map((type) => ({ type, phase: COMMIT_PACKET_PHASES[type] }));
  return {
    id: variant,
    roles: [
      { id: 'coordinator', colour: '#d97706' },
      { id: 'idle', colour: '#2563eb' },
      { id: 'uncertain', colour: '#ea580c' },
      ...(variant === '3pc' ? [{ id: 'precommitted', colour: '#9333ea' }] : []),
      { id: 'blocked', colour: '#dc2626' },
      { id: 'committed', colour: '#16a34a' },
      { id: 'aborted', colour: '#6b7280' },
    ],
    packets,
    phases: [
      { id: 'vote', colour: '#2563eb' },
      ...(variant === '3pc' ? [{ id: 'precommit', colour: '#9333ea' }] : []),
      { id: 'commit', colour: '#16a34a' },
      { id: 'abort', colour: '#dc2626' },
      { id: 'ack', colour: '#9ca3af' },
      { id: 'termination', colour: '#0d9488' },
    ],
  };
}
