/**
 * The invariants of Multi-Paxos the checker (checker.ts) evaluates, with one line each on what it
 * guards (en / zh), in the order a panel lists them.
 */
import type { InvariantInfo } from '../../sim/module.ts';

export type MultiPaxosInvariant = 'SlotAgreement' | 'Validity' | 'ExecutedPrefix' | 'LearnerConsistency' | 'PromiseMonotonic';

export const MULTIPAXOS_INVARIANTS: readonly (InvariantInfo & { name: MultiPaxosInvariant })[] = [
  {
    name: 'SlotAgreement',
    en: 'In every slot at most one value is chosen: every ballot a majority of replicas accepted there carries the same value.',
    zh: '每个日志槽至多选定一个值：凡在该槽被过半副本接受的编号，其提案的值都相同。',
  },
  {
    name: 'Validity',
    en: 'Only a value a client proposed (or a no-op) is chosen.',
    zh: '只有客户端提出过的值（或 no-op）才能被选定。',
  },
  {
    name: 'ExecutedPrefix',
    en: 'Every replica executes slots strictly in order, and any two replicas agree on the slots both have executed.',
    zh: '每个副本严格按日志槽顺序执行，任意两个副本在都已执行的日志槽上一致。',
  },
  {
    name: 'LearnerConsistency',
    en: 'A replica marks a slot chosen only with the value actually chosen there.',
    zh: '副本只会把日志槽标记为选定了真正被选定的那个值。',
  },
  {
    name: 'PromiseMonotonic',
    en: "A replica's promised ballot never decreases, and it never accepts a proposal below its promise.",
    zh: '副本承诺的编号只增不减，它也绝不接受编号低于其承诺的提案。',
  },
];
