/**
 * Basic (single-decree) Paxos, the lab's second protocol module: what the kernel, the hosts, the
 * console and the UI need, in one place. See module.ts (the NodeModule and description),
 * PaxosNode.ts (the process), checker.ts (the invariants), text.ts (the words), bugs.ts (the
 * museum and the dueling preset).
 */
export { paxosDescription, paxosModule } from './module.ts';
export { createNode, statusLine, stepNode, viewNode, type PaxosInput, type PaxosOutput } from './PaxosNode.ts';
export {
  chosenLine, createPaxosChecker, PAXOS_INVARIANTS, paxosChosen, paxosChosenAll,
  type ChosenProposal, type PaxosInvariant, type PaxosTraceEntry,
} from './checker.ts';
export { eventText, PAXOS_TEXT_EN, PAXOS_TEXT_ZH } from './text.ts';
export { PAXOS_BUGS, PAXOS_DUELING, PAXOS_PRESETS, type PaxosBugExhibit, type PaxosPreset } from './bugs.ts';
export { ballotKey, compareBallots, formatBallot, formatProposal } from './ballot.ts';
export {
  acceptorIds, applyPaxosDiskOp, DEFAULT_PAXOS_CONFIG, emptyPaxosDisk, learnerIds, nodeIdOf, nodeName, PAXOS_BUG_NAMES,
  PAXOS_LIMITS, PAXOS_ROLES, paxosConfig, paxosIds, proposerIds, quorumSize, RETRY_POLICIES, roleOf, trueQuorum,
  validatePaxosConfig,
  type AcceptedProposal, type Ballot, type PaxosBug, type PaxosChannel, type PaxosConfig, type PaxosDisk, type PaxosDiskOp,
  type PaxosEvent, type PaxosEventKind, type PaxosMsg, type PaxosNode, type PaxosReply, type PaxosRequest, type PaxosRole,
  type PaxosView, type ProposerPhase, type RetryPolicy,
} from './types.ts';
