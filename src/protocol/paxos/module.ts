/**
 * Basic Paxos as a protocol module of the lab (src/sim/module.ts): the pure step function and
 * views the hosts run, and the description the views draw it from.
 */
import { deepClone } from '../../sim/clone.ts';
import type { NodeModule, ProtocolDescription } from '../../sim/module.ts';
import { createNode, stepNode, viewNode } from './PaxosNode.ts';
import {
  applyPaxosDiskOp, emptyPaxosDisk, type PaxosChannel, type PaxosConfig, type PaxosDisk, type PaxosDiskOp,
  type PaxosEvent, type PaxosMsg, type PaxosNode, type PaxosReply, type PaxosRequest, type PaxosView,
} from './types.ts';

export const paxosModule: NodeModule<
  PaxosConfig, PaxosNode, PaxosMsg, PaxosRequest, PaxosEvent, PaxosDiskOp, PaxosDisk, PaxosView, PaxosReply, PaxosChannel
> = {
  id: 'paxos',
  // Datagrams: a message may be lost, duplicated or dropped on a cut link; nothing is resent for
  // the protocol (its proposers retry on their own timers).
  channels: { paxos: { reliable: false, finOnCrash: false, resendLastOnStart: false } },
  createNode,
  stepNode,
  viewNode,
  copyNode: (node) => deepClone(node),
  emptyDisk: emptyPaxosDisk,
  applyDiskOp: applyPaxosDiskOp,
  shareDisk: (disk) => deepClone(disk),
  // Roles are fixed by the process id (acceptor, proposer, learner): no event changes one.
  isRoleChange: () => false,
  // A `propose` to a process that is down is refused at once (no reply would ever come).
  refuseRequest: () => ({ type: 'rejected', reason: 'down' }),
};

export const paxosDescription: ProtocolDescription = {
  id: 'paxos',
  roles: [
    { id: 'acceptor', colour: '#2563eb' },
    { id: 'proposer', colour: '#d97706' },
    { id: 'learner', colour: '#059669' },
  ],
  packets: [
    { type: 'PREPARE', phase: 'phase1' },
    { type: 'PROMISE', phase: 'phase1' },
    { type: 'ACCEPT', phase: 'phase2' },
    { type: 'ACCEPTED', phase: 'phase2' },
    { type: 'NACK', phase: 'nack' },
  ],
  phases: [
    { id: 'phase1', colour: '#7c3aed' },
    { id: 'phase2', colour: '#0891b2' },
    { id: 'nack', colour: '#dc2626' },
  ],
};
