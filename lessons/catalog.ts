/**
 * The table of contents without the lessons themselves: what the page's Lessons menu needs on
 * every load. The lessons (narration, scripts, checks) are loaded only when a lesson opens
 * (`import('./index.ts')`), so they stay out of the first load. lessons.test.ts checks that this
 * list is LESSONS' ids and titles, in order.
 */
import type { Text } from './types.ts';

export interface LessonEntry {
  id: string;
  title: Text;
}

export const LESSON_CATALOG: readonly LessonEntry[] = [
  { id: 'zk-in-five-minutes', title: { en: 'ZooKeeper in five minutes', 'zh-CN': '五分钟认识 ZooKeeper' } },
  { id: 'startup-election', title: { en: 'Leader election at startup', 'zh-CN': '启动时的领导者选举' } },
  { id: 'leader-crash', title: { en: 'Leader crash: re-election, epochs and the zxid', 'zh-CN': 'Leader 崩溃：重新选举、epoch 与 zxid' } },
  { id: 'write-path', title: { en: 'The write path: PROPOSAL, ACK, COMMIT', 'zh-CN': '写请求的路径：PROPOSAL、ACK、COMMIT' } },
  { id: 'recovery-sync', title: { en: 'Recovery: DIFF, SNAP and TRUNC', 'zh-CN': '崩溃恢复：DIFF、SNAP 与 TRUNC' } },
  { id: 'split-brain', title: { en: 'Partitions and split brain', 'zh-CN': '网络分区与脑裂' } },
  { id: 'observers', title: { en: 'Observers: reads scale, writes do not', 'zh-CN': 'Observer：读可以扩展，写不能' } },
  { id: 'load-scaling', title: { en: 'Load you can see: why observers, why an odd number', 'zh-CN': '看得见的负载：为什么用 Observer，为什么是奇数' } },
  { id: 'reconfig', title: { en: 'Dynamic reconfiguration: add observers, remove a voter, remove the leader', 'zh-CN': '动态重配置：添加 Observer、移除投票者、移除 Leader' } },
  { id: 'sessions-watches', title: { en: 'Sessions, ephemerals and watches', 'zh-CN': '会话、临时节点与 Watcher' } },
  { id: 'acl', title: { en: 'Access control: ACLs', 'zh-CN': '权限控制：ACL' } },
  { id: 'recipes', title: { en: 'Recipes: lock, election, barrier, queue', 'zh-CN': '典型应用：分布式锁、选主、屏障、队列' } },
  { id: 'scenarios', title: { en: 'Typical scenarios: configuration center, membership, naming, load balancing', 'zh-CN': '典型应用场景：配置中心、集群管理、命名服务、负载均衡' } },
  { id: 'consistency-sync', title: { en: 'Consistency: stale reads and sync', 'zh-CN': '一致性：过期读与 sync' } },
  { id: 'zab-vs-paxos', title: { en: 'ZAB and Paxos side by side', 'zh-CN': 'ZAB 与 Paxos 对照' } },
  { id: 'two-phase-commit', title: { en: '2PC, 3PC and why ZAB has no abort', 'zh-CN': '两阶段与三阶段提交，以及 ZAB 为什么去掉了中止' } },
  { id: 'quorum-bug', title: { en: 'Bug museum: committing without a quorum', 'zh-CN': '故障博物馆：不等过半就提交' } },
  { id: '2pc-basics', title: { en: '2PC: the happy path and the abort', 'zh-CN': '两阶段提交（2PC）：正常提交与中断' } },
  { id: '2pc-blocking', title: { en: '2PC blocks: the coordinator dies after the votes', 'zh-CN': '2PC 的同步阻塞：协调者在投票之后宕机' } },
  { id: '3pc-crash', title: { en: '3PC: CanCommit, PreCommit, DoCommit — no blocking when the coordinator crashes', 'zh-CN': '三阶段提交（3PC）：CanCommit、PreCommit、DoCommit——协调者宕机也不阻塞' } },
  { id: '3pc-partition', title: { en: '3PC broken by a partition: committed on one side, aborted on the other', 'zh-CN': '网络分区下的 3PC：一边提交，另一边回滚' } },
  { id: 'commit-to-paxos', title: { en: 'From 2PC to Paxos: a majority instead of everyone', 'zh-CN': '从 2PC 到 Paxos：用过半代替全体' } },
  { id: 'paxos-basics', title: { en: 'Paxos basics: proposers, acceptors, learners — and one acceptor is not enough', 'zh-CN': 'Paxos 入门：Proposer、Acceptor、Learner——只有一个 Acceptor 为什么不够' } },
  { id: 'paxos-derivation', title: { en: 'The Paxos derivation: a majority, numbered proposals, P1 to P2c', 'zh-CN': 'Paxos 的推导：过半、提案编号、从 P1 到 P2c' } },
  { id: 'paxos-no-p2c', title: { en: 'Paxos broken: a proposer that ignores P2c', 'zh-CN': '故障博物馆：不遵守 P2c 的 Proposer' } },
  { id: 'paxos-minority', title: { en: 'Paxos broken: one acceptor of three counted as a majority', 'zh-CN': '故障博物馆：把三个 Acceptor 中的一个当作过半' } },
  { id: 'paxos-forget-promise', title: { en: 'Paxos broken: an acceptor without stable storage', 'zh-CN': '故障博物馆：没有持久存储的 Acceptor' } },
  { id: 'paxos-same-ballot', title: { en: 'Paxos broken: two proposers with the same proposal number', 'zh-CN': '故障博物馆：两个 Proposer 用了同一个提案编号' } },
  { id: 'paxos-livelock', title: { en: 'Dueling proposers: Paxos is safe but can livelock', 'zh-CN': 'Proposer 互相抢占：Paxos 安全，却可能活锁' } },
  { id: 'paxos-backoff', title: { en: 'Ending the duel, fix 1: a random back-off', 'zh-CN': '打破活锁之一：随机退避' } },
  { id: 'paxos-leader', title: { en: 'Ending the duel, fix 2: a distinguished proposer', 'zh-CN': '打破活锁之二：选取主 Proposer' } },
  { id: 'multipaxos', title: { en: 'Multi-Paxos: one leader, phase 1 once, a log of slots', 'zh-CN': 'Multi-Paxos：一个领导者、一次阶段一、一串日志槽' } },
  { id: 'multipaxos-leader-change', title: { en: 'Multi-Paxos leader change: re-proposals and no-op holes', 'zh-CN': 'Multi-Paxos 更换领导者：重新提出与用 no-op 填补空洞' } },
  { id: 'chubby', title: { en: 'Chubby: a master elected through Multi-Paxos', 'zh-CN': 'Chubby：通过 Multi-Paxos 选出 Master' } },
  { id: 'zab-vs-multipaxos', title: { en: 'ZAB vs Multi-Paxos: the same schedule, side by side', 'zh-CN': 'ZAB 与 Multi-Paxos：同一个故障时间表，并排对照' } },
];
