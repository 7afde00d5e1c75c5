/** Every lesson, in the order of the table of contents. */
import { acl } from './acl.ts';
import { consistencySync } from './consistency-sync.ts';
import { leaderCrash } from './leader-crash.ts';
import { observers } from './observers.ts';
import { quorumBug } from './quorum-bug.ts';
import { recipes } from './recipes.ts';
import { recoverySync } from './recovery-sync.ts';
import { scenarios } from './scenarios.ts';
import { sessionsWatches } from './sessions-watches.ts';
import { splitBrain } from './split-brain.ts';
import { startupElection } from './startup-election.ts';
import { twoPhaseCommit } from './two-phase-commit.ts';
import type { Lesson, Text } from './types.ts';
import { writePath } from './write-path.ts';
import { zabVsPaxos } from './zab-vs-paxos.ts';
import { zkInFiveMinutes } from './zk-in-five-minutes.ts';

export const LESSONS: Lesson[] = [
  zkInFiveMinutes,
  startupElection,
  leaderCrash,
  writePath,
  recoverySync,
  splitBrain,
  observers,
  sessionsWatches,
  acl,
  recipes,
  scenarios,
  consistencySync,
  zabVsPaxos,
  twoPhaseCommit,
  quorumBug,
];

/** An interview question of the study notes (004 §11) and the lesson step (1-based) that answers it. */
export interface InterviewEntry {
  /** Section of notes 004. */
  notes: string;
  question: Text;
  lesson: string;
  step: number;
}

export const INTERVIEW_INDEX: InterviewEntry[] = [
  {
    notes: '11.1',
    question: { en: 'Why must the live servers be more than half of the ensemble?', 'zh-CN': '为什么要求可用节点数量大于集群总节点数的一半？' },
    lesson: 'write-path',
    step: 2,
  },
  {
    notes: '11.2',
    question: { en: 'Why should an ensemble have an odd number of servers?', 'zh-CN': '为什么集群节点数量要是奇数个？' },
    lesson: 'split-brain',
    step: 3,
  },
  {
    notes: '11.2',
    question: { en: 'What is split brain and how does ZooKeeper prevent it?', 'zh-CN': '什么是脑裂？ZooKeeper 如何避免脑裂？' },
    lesson: 'split-brain',
    step: 2,
  },
  {
    notes: '11.7',
    question: { en: 'After the leader dies, what state is it in when it restarts?', 'zh-CN': 'Leader 挂了之后，重新启动这个节点后它是什么状态？' },
    lesson: 'leader-crash',
    step: 3,
  },
  {
    notes: '11.8',
    question: { en: 'What happens to data the leader had not synchronized when it was cut off?', 'zh-CN': '因为网络问题，Leader 还有数据没有同步，这些数据怎么办？' },
    lesson: 'recovery-sync',
    step: 3,
  },
  {
    notes: '11.10',
    question: { en: 'How does FastLeaderElection decide who leads?', 'zh-CN': 'FastLeaderElection 算法的选举机制是怎样的？' },
    lesson: 'startup-election',
    step: 2,
  },
  {
    notes: '11.10',
    question: { en: 'When is an election decided (the quorum of votes)?', 'zh-CN': '选举在什么时候结束（选票过半）？' },
    lesson: 'startup-election',
    step: 3,
  },
  {
    notes: '11.12',
    question: { en: 'Which kinds of events can a Watcher observe?', 'zh-CN': 'Watch 机制可以监听几类事件？' },
    lesson: 'sessions-watches',
    step: 2,
  },
  {
    notes: '11.3',
    question: { en: 'Does ZooKeeper guarantee consistent reads?', 'zh-CN': 'ZooKeeper 集群能保证数据的一致性吗？' },
    lesson: 'consistency-sync',
    step: 1,
  },
];
