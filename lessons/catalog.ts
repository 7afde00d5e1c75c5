/**
 * The table of contents without the lessons themselves: what the page's Lessons menu needs on
 * every load, in English. The Chinese titles are in ./catalog.zh.ts, which loads with the Chinese
 * UI dictionary (src/ui/i18n/zh-CN.ts), so a page in English never downloads them. The lessons
 * (narration, scripts, checks) are loaded only when a lesson opens (`import('./index.ts')`), so
 * they stay out of the first load. lessons.test.ts checks that these lists are LESSONS' ids and
 * titles, in order.
 */

export interface LessonEntry {
  id: string;
  /** The English title. */
  title: string;
}

export const LESSON_CATALOG: readonly LessonEntry[] = [
  { id: 'zk-in-five-minutes', title: 'ZooKeeper in five minutes' },
  { id: 'startup-election', title: 'Leader election at startup' },
  { id: 'leader-crash', title: 'Leader crash: re-election, epochs and the zxid' },
  { id: 'write-path', title: 'The write path: PROPOSAL, ACK, COMMIT' },
  { id: 'recovery-sync', title: 'Recovery: DIFF, SNAP and TRUNC' },
  { id: 'split-brain', title: 'Partitions and split brain' },
  { id: 'observers', title: 'Observers: reads scale, writes do not' },
  { id: 'load-scaling', title: 'Load you can see: why observers, why an odd number' },
  { id: 'reconfig', title: 'Dynamic reconfiguration: add observers, remove a voter, remove the leader' },
  { id: 'sessions-watches', title: 'Sessions, ephemerals and watches' },
  { id: 'acl', title: 'Access control: ACLs' },
  { id: 'recipes', title: 'Recipes: lock, election, barrier, queue' },
  { id: 'scenarios', title: 'Typical scenarios: configuration center, membership, naming, load balancing' },
  { id: 'consistency-sync', title: 'Consistency: stale reads and sync' },
  { id: 'zab-vs-paxos', title: 'ZAB and Paxos side by side' },
  { id: 'two-phase-commit', title: '2PC, 3PC and why ZAB has no abort' },
  { id: 'quorum-bug', title: 'Bug museum: committing without a quorum' },
  { id: '2pc-basics', title: '2PC: the happy path and the abort' },
  { id: '2pc-blocking', title: '2PC blocks: the coordinator dies after the votes' },
  { id: '3pc-crash', title: '3PC: CanCommit, PreCommit, DoCommit — no blocking when the coordinator crashes' },
  { id: '3pc-partition', title: '3PC broken by a partition: committed on one side, aborted on the other' },
  { id: 'commit-to-paxos', title: 'From 2PC to Paxos: a majority instead of everyone' },
  { id: 'paxos-basics', title: 'Paxos basics: proposers, acceptors, learners — and one acceptor is not enough' },
  { id: 'paxos-derivation', title: 'The Paxos derivation: a majority, numbered proposals, P1 to P2c' },
  { id: 'paxos-no-p2c', title: 'Paxos broken: a proposer that ignores P2c' },
  { id: 'paxos-minority', title: 'Paxos broken: one acceptor of three counted as a majority' },
  { id: 'paxos-forget-promise', title: 'Paxos broken: an acceptor without stable storage' },
  { id: 'paxos-same-ballot', title: 'Paxos broken: two proposers with the same proposal number' },
  { id: 'paxos-livelock', title: 'Dueling proposers: Paxos is safe but can livelock' },
  { id: 'paxos-backoff', title: 'Ending the duel, fix 1: a random back-off' },
  { id: 'paxos-leader', title: 'Ending the duel, fix 2: a distinguished proposer' },
  { id: 'multipaxos', title: 'Multi-Paxos: one leader, phase 1 once, a log of slots' },
  { id: 'multipaxos-leader-change', title: 'Multi-Paxos leader change: re-proposals and no-op holes' },
  { id: 'chubby', title: 'Chubby: a master elected through Multi-Paxos' },
  { id: 'zab-vs-multipaxos', title: 'ZAB vs Multi-Paxos: the same schedule, side by side' },
];
