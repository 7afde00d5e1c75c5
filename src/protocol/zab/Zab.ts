// Temporary: replaced by the ZAB implementation (issue 3) within this session.
import type { PeerContext, QuorumPeer } from '../QuorumPeer.ts';
import type { Sid } from '../types.ts';

export interface QuorumPacket { type: 'PING'; zxid: number }
export interface ZabState { phase: 'NONE' }
export interface ZabView { phase: string }
export function initialZabState(): ZabState { return { phase: 'NONE' }; }
export function zabView(_peer: QuorumPeer): ZabView { return { phase: 'NONE' }; }
export function startRole(_peer: QuorumPeer, _ctx: PeerContext): void {}
export function stopRole(_peer: QuorumPeer, _ctx: PeerContext): void {}
export function onQuorumPacket(_peer: QuorumPeer, _from: Sid, _p: QuorumPacket, _ctx: PeerContext): void {}
export function onZabTimer(_peer: QuorumPeer, _name: string, _ctx: PeerContext): void {}
export function onQuorumConnectionLost(_peer: QuorumPeer, _sid: Sid, _ctx: PeerContext): void {}
