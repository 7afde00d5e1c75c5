/**
 * The kernel's vocabulary: what a process of any protocol takes and gives (the etcd-io/raft
 * habit, docs/architecture.md). A protocol's process is plain data stepped by a pure function:
 *
 *   step(node, input, now) -> outputs
 *
 * Inputs are a start, a message from another process, a timer the process asked for, the loss of
 * a connection, or a request (what a user or a client asked of it). Outputs are collected, never
 * performed: messages to send, timers to set, disk writes, connections to close, events for the
 * trace and replies. Nothing here names a protocol; ZooKeeper, Paxos and the rest fill the type
 * parameters with their own packets, requests, events and disk operations.
 */

/** A process of the lab: 1, 2, 3 … (a protocol names them: zk3, a2, p1, r4 …). */
export type NodeId = number;

/** Every message a protocol sends names its packet type (PROPOSAL, PREPARE, …): the views label it. */
export interface WireMsg {
  readonly type: string;
}

export type NodeInput<Msg, Req = never, Ch extends string = string> =
  | { type: 'start' }
  | { type: 'message'; from: NodeId; channel: Ch; msg: Msg }
  | { type: 'timer'; name: string; token: number }
  | { type: 'connectionLost'; peer: NodeId; channel: Ch }
  /** A request to this process from outside the protocol (a client, a `propose` in the console). */
  | { type: 'request'; req: Req };

export type NodeOutput<Msg, Ev, Op, Reply = never, Ch extends string = string> =
  | { type: 'send'; to: NodeId; channel: Ch; msg: Msg; newConnection?: boolean }
  | { type: 'setTimer'; name: string; token: number; afterMs: number }
  | { type: 'cancelTimer'; name: string }
  | { type: 'disk'; op: Op }
  | { type: 'disconnect'; peer: NodeId; channel: Ch }
  | { type: 'event'; event: Ev }
  /** The answer to a request (routed by the lab to whoever asked). */
  | { type: 'reply'; reply: Reply };

/** The part of a process's state the context keeps: live timers (name -> token) and the next token. */
export interface TimerState {
  timers: Record<string, number>;
  nextTimerToken: number;
}

/**
 * Collects a step's outputs; passed to every handler of a protocol. A timer input whose token
 * differs from `timers[name]` is stale (the timer was set again or cancelled) and must be ignored:
 * `takeTimer` does that check.
 */
export class NodeContext<Msg, Ev, Op, Reply = never, Ch extends string = string> {
  readonly out: Array<NodeOutput<Msg, Ev, Op, Reply, Ch>> = [];

  constructor(
    private readonly timerState: TimerState,
    readonly now: number,
    /** Applies a disk operation to the process's own view of its disk (the host keeps a copy too). */
    private readonly applyOwnDisk: (op: Op) => void,
  ) {}

  send(to: NodeId, channel: Ch, msg: Msg, newConnection = false): void {
    this.out.push(newConnection ? { type: 'send', to, channel, msg, newConnection } : { type: 'send', to, channel, msg });
  }

  setTimer(name: string, afterMs: number): void {
    const token = ++this.timerState.nextTimerToken;
    this.timerState.timers[name] = token;
    this.out.push({ type: 'setTimer', name, token, afterMs });
  }

  cancelTimer(name: string): void {
    if (this.timerState.timers[name] === undefined) return;
    delete this.timerState.timers[name];
    this.out.push({ type: 'cancelTimer', name });
  }

  persist(op: Op): void {
    this.applyOwnDisk(op);
    this.out.push({ type: 'disk', op });
  }

  disconnect(peer: NodeId, channel: Ch): void {
    this.out.push({ type: 'disconnect', peer, channel });
  }

  event(event: Ev): void {
    this.out.push({ type: 'event', event });
  }

  reply(reply: Reply): void {
    this.out.push({ type: 'reply', reply });
  }
}

/**
 * True when a timer input is live (and forgets the timer, which has fired); false for a stale
 * one. Every protocol's step starts its timer case with it.
 */
export function takeTimer(state: TimerState, input: { name: string; token: number }): boolean {
  if (state.timers[input.name] !== input.token) return false;
  delete state.timers[input.name];
  return true;
}
