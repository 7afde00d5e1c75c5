/** Messages between the page and a server's Web Worker. */
import type { PeerInit, QuorumPeer } from '../protocol/QuorumPeer.ts';
import type { Sid } from '../protocol/types.ts';
import type { StepRequest, StepResult } from '../sim/host.ts';

export type ToWorker =
  | { type: 'boot'; init: PeerInit }
  /** Replaces the server's whole state (a rewind). */
  | { type: 'restore'; peer: QuorumPeer }
  | { type: 'step'; id: number; req: StepRequest }
  | { type: 'snapshot'; id: number }
  | { type: 'query'; id: number; sid: Sid; word: string; now: number };

export type FromWorker =
  | { type: 'step'; id: number; result: StepResult }
  | { type: 'snapshot'; id: number; peer: QuorumPeer | null }
  | { type: 'query'; id: number; text: string };
