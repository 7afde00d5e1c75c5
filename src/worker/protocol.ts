/** Messages between the page and a process's Web Worker. */
import type { NodeInit } from '../sim/module.ts';
import type { NodeId } from '../sim/node.ts';
import type { StepRequest, StepResult } from '../sim/host.ts';

export type ToWorker =
  | { type: 'boot'; protocol: string; init: NodeInit<unknown, unknown> }
  /** Replaces the process's whole state (a rewind). */
  | { type: 'restore'; protocol: string; node: unknown }
  | { type: 'step'; id: number; req: StepRequest }
  | { type: 'snapshot'; id: number }
  | { type: 'query'; id: number; sid: NodeId; word: string; now: number };

export type FromWorker =
  | { type: 'step'; id: number; result: StepResult }
  | { type: 'snapshot'; id: number; node: unknown }
  | { type: 'query'; id: number; text: string };
