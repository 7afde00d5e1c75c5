/**
 * The invariants of atomic commit the checker (checker.ts) evaluates, with one line each on what
 * it guards (en / zh), in the order a panel lists them. 2PC has all three; 3PC, whose participants
 * decide alone by design, has the first two.
 */
import type { InvariantInfo } from '../../sim/module.ts';
import type { CommitVariant } from './types.ts';

export type CommitInvariant = 'Atomicity' | 'Validity' | 'BlockedNotGuessed';

const ALL: readonly (InvariantInfo & { name: CommitInvariant })[] = [
  {
    name: 'Atomicity',
    en: 'No transaction is committed at one process and aborted at another: all commit or all abort.',
    zh: '没有哪个事务在一个节点上提交而在另一个节点上回滚：要么全部提交，要么全部回滚。',
  },
  {
    name: 'Validity',
    en: 'A transaction commits only if every participant voted yes.',
    zh: '只有所有参与者都投了 Yes，事务才会提交。',
  },
  {
    name: 'BlockedNotGuessed',
    en: 'A participant that voted yes decides only an outcome someone already knew (the coordinator decided it, or a participant voted no): it blocks rather than guesses.',
    zh: '投了 Yes 的参与者只会采纳某个节点已知的结果（协调者已作出决定，或有参与者投了 No）：宁可阻塞，也不猜测。',
  },
];

export function commitInvariants(variant: CommitVariant): readonly (InvariantInfo & { name: CommitInvariant })[] {
  return variant === '2pc' ? ALL : ALL.filter((i) => i.name !== 'BlockedNotGuessed');
}
