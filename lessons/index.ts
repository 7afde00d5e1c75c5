/** Every lesson, in the order of the table of contents. */
import { acl } from './acl.ts';
import { chubby } from './chubby.ts';
import { consistencySync } from './consistency-sync.ts';
import { leaderCrash } from './leader-crash.ts';
import { multiPaxosLeaderChange } from './multipaxos-leader-change.ts';
import { multiPaxos } from './multipaxos.ts';
import { observers } from './observers.ts';
import { paxosBackoff } from './paxos-backoff.ts';
import { paxosBasics } from './paxos-basics.ts';
import { paxosDerivation } from './paxos-derivation.ts';
import { paxosForgetPromise } from './paxos-forget-promise.ts';
import { paxosLeader } from './paxos-leader.ts';
import { paxosLivelock } from './paxos-livelock.ts';
import { paxosMinority } from './paxos-minority.ts';
import { paxosNoP2c } from './paxos-no-p2c.ts';
import { paxosSameBallot } from './paxos-same-ballot.ts';
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
import { zabVsMultiPaxos } from './zab-vs-multipaxos.ts';
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
  paxosBasics,
  paxosDerivation,
  paxosNoP2c,
  paxosMinority,
  paxosForgetPromise,
  paxosSameBallot,
  paxosLivelock,
  paxosBackoff,
  paxosLeader,
  multiPaxos,
  multiPaxosLeaderChange,
  chubby,
  zabVsMultiPaxos,
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
  {
    notes: '11.4',
    question: { en: 'How does ZooKeeper help balance load (which server does a client pick)?', 'zh-CN': 'ZooKeeper 如何实现负载均衡（具体连接哪一台服务器）？' },
    lesson: 'scenarios',
    step: 5,
  },
  {
    notes: '11.5',
    question: { en: 'How does a registry (注册中心) built on ZooKeeper work?', 'zh-CN': 'ZooKeeper 实现注册中心的原理是怎样的？' },
    lesson: 'scenarios',
    step: 3,
  },
  {
    notes: '11.6',
    question: { en: 'When the master of a distributed service dies, how is another chosen?', 'zh-CN': '分布式服务集群主节点宕机，如何保证整体服务可用？' },
    lesson: 'recipes',
    step: 3,
  },
  {
    notes: '11.9',
    question: { en: 'Across processes on many machines, what replaces a thread lock?', 'zh-CN': '分布式多进程下，线程安全问题如何解决（分布式锁）？' },
    lesson: 'recipes',
    step: 1,
  },
  {
    notes: '11.11',
    question: { en: 'How do servers go on and off line without the clients configuring anything?', 'zh-CN': '如何做到客户端无感知、服务端自动上下线？' },
    lesson: 'scenarios',
    step: 3,
  },
  {
    notes: '11.13',
    question: { en: 'How does ZooKeeper work (recovery mode, then broadcast mode)?', 'zh-CN': 'ZooKeeper 的工作原理（先恢复模式，再广播模式）是什么？' },
    lesson: 'zab-vs-paxos',
    step: 1,
  },
  {
    notes: '11.15',
    question: { en: 'In practice: a session that ends takes its ephemeral nodes (and registrations) with it.', 'zh-CN': '使用中的问题：会话失效后，它的临时节点（注册信息）随之消失。' },
    lesson: 'sessions-watches',
    step: 3,
  },
  {
    notes: '11.15',
    question: { en: 'In practice: while the ensemble elects a new leader it serves no one.', 'zh-CN': '使用中的问题：集群重新选主期间，短暂无法提供服务。' },
    lesson: 'leader-crash',
    step: 2,
  },
];
