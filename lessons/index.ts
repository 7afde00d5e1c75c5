/** Every lesson, in the order of the table of contents. */
import { twoPcBasics } from './2pc-basics.ts';
import { twoPcBlocking } from './2pc-blocking.ts';
import { threePcCrash } from './3pc-crash.ts';
import { threePcPartition } from './3pc-partition.ts';
import { acl } from './acl.ts';
import { chubby } from './chubby.ts';
import { commitToPaxos } from './commit-to-paxos.ts';
import { consistencySync } from './consistency-sync.ts';
import { leaderCrash } from './leader-crash.ts';
import { multiPaxosLeaderChange } from './multipaxos-leader-change.ts';
import { multiPaxos } from './multipaxos.ts';
import { observers } from './observers.ts';
import { loadScaling } from './load-scaling.ts';
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
import { reconfig } from './reconfig.ts';
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
  loadScaling,
  reconfig,
  sessionsWatches,
  acl,
  recipes,
  scenarios,
  consistencySync,
  zabVsPaxos,
  twoPhaseCommit,
  quorumBug,
  twoPcBasics,
  twoPcBlocking,
  threePcCrash,
  threePcPartition,
  commitToPaxos,
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

/**
 * An interview question of the study notes and the lesson step (1-based) that answers it: the
 * questions of notes 004 §11, and those that notes 003 raises about 2PC and 3PC, Paxos, Chubby and ZAB.
 */
export interface InterviewEntry {
  /**
   * Section of the notes: `11.x` is notes 004 §11.x; `003 §…` a section of notes 003 (二.2.4 is
   * `003 §2.2.4`); `004 §3.5` notes 004's 动态增减集群节点; `001 §1` notes 001's section 1 (roles, observers).
   */
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
  {
    notes: '003 §1',
    question: { en: 'How does two-phase commit work (vote request, then commit or rollback)?', 'zh-CN': '两阶段提交（2PC）是怎样工作的（先事务询问，再提交或回滚）？' },
    lesson: '2pc-basics',
    step: 1,
  },
  {
    notes: '003 §1',
    question: { en: '2PC: what happens when one participant votes no, or does not answer?', 'zh-CN': '2PC：有一个参与者反馈 No，或者没有响应时，会怎样？' },
    lesson: '2pc-basics',
    step: 2,
  },
  {
    notes: '003 §1',
    question: { en: '2PC: what are synchronous blocking and the single point of failure (the coordinator dies in phase two)?', 'zh-CN': '2PC 的缺点：什么是同步阻塞与单点问题（协调者在阶段二宕机）？' },
    lesson: '2pc-blocking',
    step: 1,
  },
  {
    notes: '003 §1',
    question: { en: '2PC: why can the participants not finish without the coordinator when all voted yes?', 'zh-CN': '2PC：所有参与者都投了 Yes 时，为什么它们没有协调者就无法完成事务？' },
    lesson: '2pc-blocking',
    step: 2,
  },
  {
    notes: '003 §1',
    question: { en: '3PC: what do CanCommit, PreCommit and DoCommit change, and why does it block less?', 'zh-CN': '3PC：CanCommit、PreCommit、DoCommit 改变了什么？为什么它降低了阻塞范围？' },
    lesson: '3pc-crash',
    step: 3,
  },
  {
    notes: '003 §1',
    question: { en: '3PC: how does a network partition make the data inconsistent?', 'zh-CN': '3PC：网络分区为什么会导致数据不一致？' },
    lesson: '3pc-partition',
    step: 2,
  },
  {
    notes: '003 §1',
    question: { en: '2PC/3PC and Paxos: why is a majority enough where 2PC needs everyone?', 'zh-CN': '2PC/3PC 与 Paxos：为什么 Paxos 只需过半，而 2PC 需要全体？' },
    lesson: 'commit-to-paxos',
    step: 1,
  },
  {
    notes: '003 §2.2.4',
    question: { en: 'Paxos: why is one acceptor not enough?', 'zh-CN': 'Paxos：为什么只有一个 Acceptor 不够？' },
    lesson: 'paxos-basics',
    step: 2,
  },
  {
    notes: '003 §2.2.4',
    question: { en: 'Paxos: why must a value be accepted by a majority (过半) of acceptors to be chosen?', 'zh-CN': 'Paxos：为什么一个 value 要被过半的 Acceptor 接受才算被选定？' },
    lesson: 'paxos-derivation',
    step: 1,
  },
  {
    notes: '003 §2.2.4',
    question: { en: 'Paxos: why are proposals numbered?', 'zh-CN': 'Paxos：提案为什么要有编号？' },
    lesson: 'paxos-derivation',
    step: 2,
  },
  {
    notes: '003 §2.2.4',
    question: { en: 'Paxos: how does it avoid choosing two different values (P2 → P2c)?', 'zh-CN': 'Paxos 如何避免选定两个不同的 value（从 P2 到 P2c）？' },
    lesson: 'paxos-derivation',
    step: 3,
  },
  {
    notes: '003 §2.2.4',
    question: { en: 'Paxos: what goes wrong if two proposers can use the same proposal number?', 'zh-CN': 'Paxos：如果两个 Proposer 能用同一个提案编号，会出什么问题？' },
    lesson: 'paxos-same-ballot',
    step: 2,
  },
  {
    notes: '003 §2.2.3',
    question: { en: 'Paxos: why must an acceptor keep its promise on stable storage?', 'zh-CN': 'Paxos：为什么 Acceptor 必须把承诺写入持久存储？' },
    lesson: 'paxos-forget-promise',
    step: 3,
  },
  {
    notes: '003 §2.2.5',
    question: { en: 'Paxos: what is livelock (dueling proposers)?', 'zh-CN': 'Paxos：什么是活锁（Proposer 互相抢占）？' },
    lesson: 'paxos-livelock',
    step: 2,
  },
  {
    notes: '003 §2.2.5',
    question: { en: 'Paxos: how is its liveness guaranteed (a main proposer)?', 'zh-CN': '如何保证 Paxos 算法的活性（选取主 Proposer）？' },
    lesson: 'paxos-leader',
    step: 1,
  },
  {
    notes: '003 §3.1',
    question: { en: 'Chubby: how is its Master elected (a majority of five replicas)?', 'zh-CN': 'Chubby 的 Master 是怎样选出的（五个副本中的过半）？' },
    lesson: 'chubby',
    step: 1,
  },
  {
    notes: '003 §3.1',
    question: { en: 'Chubby: what is the Master lease, and what happens when the Master fails?', 'zh-CN': 'Chubby：什么是 Master 租期？Master 出现故障时会怎样？' },
    lesson: 'chubby',
    step: 4,
  },
  {
    notes: '003 §3.1.5',
    question: { en: 'Multi-Paxos: why a Master, and why can it skip "Prepare → Promise" for each value?', 'zh-CN': 'Multi-Paxos：为什么要有 Master？为什么它提出每个 value 时可以省去“Prepare → Promise”？' },
    lesson: 'multipaxos',
    step: 2,
  },
  {
    notes: '003 §4.2.4',
    question: { en: 'What do ZAB and Paxos have in common (a leader, a majority, epoch and ballot)?', 'zh-CN': 'ZAB 与 Paxos 有什么联系（Leader、过半、epoch 与 Ballot）？' },
    lesson: 'zab-vs-multipaxos',
    step: 2,
  },
  {
    notes: '003 §4.2.4',
    question: { en: 'How do ZAB and Paxos differ (synchronization phase, primary order)?', 'zh-CN': 'ZAB 与 Paxos 有什么区别（同步阶段、主进程顺序）？' },
    lesson: 'zab-vs-multipaxos',
    step: 4,
  },
  {
    notes: '004 §3.5',
    question: { en: 'How do you add an observer to a running ZooKeeper ensemble?', 'zh-CN': '如何给正在运行的 ZooKeeper 集群添加 Observer？' },
    lesson: 'reconfig',
    step: 2,
  },
  {
    notes: '001 §1',
    question: { en: 'When should observers be added, and what do they add (reads, not writes, not fault tolerance)?', 'zh-CN': '什么时候该添加 Observer？它能提升什么（读能力，而不是写能力或容错能力）？' },
    lesson: 'observers',
    step: 1,
  },
  {
    notes: '004 §3.5',
    question: { en: 'How is a voter removed from a running ensemble, and what becomes of it?', 'zh-CN': '如何从运行中的集群移除一个投票者？被移除的服务器会怎样？' },
    lesson: 'reconfig',
    step: 4,
  },
  {
    notes: '004 §3.5',
    question: { en: 'Why must a reconfiguration be acked by a quorum of both the old and the new configuration (their quorums overlap)?', 'zh-CN': '为什么重配置必须同时得到旧配置和新配置的过半确认（新旧过半集合必须相交）？' },
    lesson: 'reconfig',
    step: 5,
  },
  {
    notes: '004 §3.5',
    question: { en: 'What happens when the leader is removed by reconfig?', 'zh-CN': '用 reconfig 移除 Leader 时会发生什么？' },
    lesson: 'reconfig',
    step: 6,
  },
];
