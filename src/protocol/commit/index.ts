/**
 * Atomic commit — 2PC and 3PC — a protocol module of the lab (two modules sharing one
 * implementation): everything the kernel, the hosts, the console and the views need, from one place.
 *
 *  - twoPcModule (id `2pc`) and threePcModule (id `3pc`), one datagram channel `commit`;
 *    commitDescription(variant);
 *  - createCommitChecker(cfg) with commitInvariants(variant);
 *  - eventText(ev) → { key: 'commit.ev.*', values } with COMMIT_TEXT_EN / COMMIT_TEXT_ZH;
 *  - statusLine / txnLines for `lab status`; commitViews(variant) for the page;
 *  - COMMIT_PRESETS: console lines for the exhibits.
 *
 * Decisions an integrator needs: processes are `c` (id 1) and `p1…pN` (ids 2…N+1). The console's
 * `begin T` and `vote pK no` travel as the lab's `propose` action (to c with value T; to pK with
 * value `no` or `yes`), so share links and rewinds need nothing new.
 */
export * from './types.ts';
export { rulesOf, type CommitRules } from './rules.ts';
export { applyCommitDiskOp, emptyCommitDisk, shareCommitDisk } from './disk.ts';
export { createCommitNode, stepCommitNode, RESEND_TIMER, type CommitInput, type CommitOutput } from './node.ts';
export { VIEW_TXNS, statusLine, txnLines, viewCommitNode } from './view.ts';
export { commitInvariants, type CommitInvariant } from './invariants.ts';
export { createCommitChecker, type CommitTraceEntry } from './checker.ts';
export { COMMIT_TEXT_EN, COMMIT_TEXT_ZH, eventText } from './text.ts';
export { COMMIT_PACKET_PHASES, commitDescription, copyCommitNode, threePcModule, twoPcModule, type CommitModule } from './module.ts';
export { COMMIT_PRESETS, presetsOf, type CommitPreset, type CommitPresetId } from './presets.ts';
