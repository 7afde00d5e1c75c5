/**
 * Multi-Paxos, a protocol module of the lab: everything the kernel, the hosts, the console and the
 * views need, from one place.
 *
 *  - multiPaxosModule (id `multipaxos`, one datagram channel `mp`) and multiPaxosDescription;
 *  - createMultiPaxosChecker(cfg) with MULTIPAXOS_INVARIANTS;
 *  - eventText(ev) → { key: 'multipaxos.ev.*', values } (the reporting replica is `ev.node`), with
 *    MULTIPAXOS_TEXT_EN / MULTIPAXOS_TEXT_ZH (flat keys; nestText for i18next; `_one`/`_other`
 *    plural forms where a text has a `count`);
 *  - statusLines / slotLines / leaderOf for `lab status` and `propose VALUE`;
 *  - MP_PRESETS: console lines for the lessons and bug exhibits.
 *
 * Decisions an integrator needs: ACCEPTED goes to the leader only and the leader sends CHOSEN (the
 * commit) to all; a replica that misses one catches up by CATCHUP when a HEARTBEAT shows the
 * leader's chosen prefix ahead of its own. Chosen slots are memory only (the disk holds the
 * promise, the accepted proposal per slot and the highest round). A `propose` is answered at once
 * with `redirect` by a non-leader, and by the leader with `chosen` (or `not-chosen`) once it knows
 * the slot's fate; nothing if it crashes first.
 */
export * from './types.ts';
export { compareBallots, formatBallot, formatValue, maxBallot, sameBallot } from './ballot.ts';
export { acceptedSlotsFrom, applyMpDiskOp, emptyMpDisk, shareMpDisk } from './disk.ts';
export { CATCHUP_BATCH, ELECTION_TIMER, HEARTBEAT_TIMER, createReplica, electionOrder, stepReplica, type MpInput, type MpOutput } from './Replica.ts';
export { VIEW_EXECUTED_WINDOW, VIEW_MAX_SLOTS, leaderOf, slotLines, statusLines, viewReplica } from './view.ts';
export { MULTIPAXOS_INVARIANTS, type MultiPaxosInvariant } from './invariants.ts';
export { createMultiPaxosChecker, multiPaxosChosen, type MultiPaxosTraceEntry, type SlotChoice } from './checker.ts';
export { MULTIPAXOS_TEXT_EN, MULTIPAXOS_TEXT_ZH, eventText, nestText, renderText } from './text.ts';
export { MULTIPAXOS_PACKET_PHASES, copyReplica, multiPaxosDescription, multiPaxosModule } from './module.ts';
export { MP_PRESETS, presetConfig, type MpPresetId, type MultiPaxosPreset } from './presets.ts';
