import type { Lesson } from './types.ts';

/**
 * From 2PC/3PC to Paxos (notes 003 §1 → §2): 2PC needs every participant and one coordinator;
 * Paxos and ZAB need a majority and let any proposer take over. Points to the Paxos lessons.
 * Processes: c = 1, p1–p5 = 2–6.
 */
export const commitToPaxos: Lesson = {
  id: 'commit-to-paxos',
  title: {
    en: 'From 2PC to Paxos: a majority instead of everyone',
    'zh-CN': '从 2PC 到 Paxos：用过半代替全体',
  },
  ensemble: 'protocol=2pc&participants=5&seed=1',
  steps: [
    {
      narration: {
        en: 'Five participants this time. Kill p5 and begin T1: p1–p4 vote yes, p5 cannot, and c aborts when its wait for votes runs out — `votes p1:yes p2:yes p3:yes p4:yes p5:-`. 2PC needs everyone: with five participants it tolerates no crash at all, and more participants only make a failure likelier. Paxos asks for less: a value is chosen once a majority of acceptors — three of five — has accepted it, so two may be down (the lesson [[paxos-derivation|The Paxos derivation]] shows why a majority is enough: any two majorities share an acceptor). ZooKeeper\'s write path does the same with a quorum of voters ([[write-path]]).',
        'zh-CN': '这次有五个参与者。杀掉 p5，再开启 T1：p1–p4 投了 Yes，p5 无法投票，c 等待投票超时后中断事务——`votes p1:yes p2:yes p3:yes p4:yes p5:-`。2PC 需要全体同意：五个参与者时它连一次宕机都承受不了，参与者越多，出故障的可能就越大。Paxos 的要求更少：只要过半的 Acceptor——五个中的三个——接受了一个 value，它就被选定，因此可以有两个宕机（[[paxos-derivation|Paxos 的推导]]一课说明了为什么过半就够：任意两个过半集合至少有一个共同的 Acceptor）。ZooKeeper 的写请求路径也是这样，只需过半投票者（[[write-path]]）。',
      },
      actions: ['lab kill p5', 'begin T1', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'VOTE-COMMIT', from: 5, to: 1 },
        { kind: 'packet', type: 'GLOBAL-COMMIT', absent: true },
        { kind: 'output', contains: 'c: coordinator, T1 aborted (votes p1:yes p2:yes p3:yes p4:yes p5:-' },
        { kind: 'output', contains: 'p5: down' },
        { kind: 'output', contains: 'p4: participant, T1 aborted (voted yes)' },
        { kind: 'output', contains: 'Validity ok' },
      ],
    },
    {
      narration: {
        en: 'Start p5 and begin T2, then kill c right after the votes. All five are uncertain and blocked, holding their locks: the outcome lives in one process. Paxos removes that single point too. There is no fixed coordinator: any proposer may take over with a higher proposal number, and its PREPARE to a majority of acceptors tells it any value that may already be chosen, which it must carry forward (P2c). Nobody waits for one process to come back, and no timeout guesses — a value is chosen by a majority, and every later majority learns it. That is where the Paxos lessons begin: [[paxos-basics|Paxos basics]], then [[paxos-derivation|the derivation]]; ZAB\'s version of the same idea is in [[two-phase-commit]] and [[zab-vs-paxos]].',
        'zh-CN': '启动 p5，开启 T2，然后在投票之后立即杀掉 c。五个参与者全都处于不确定状态并阻塞、持有锁：结果只存在于一个进程里。Paxos 同样消除了这个单点。它没有固定的协调者：任何 Proposer 都可以用更大的提案编号接手，它向过半 Acceptor 发出的 PREPARE 会告诉它可能已被选定的 value，它必须把这个 value 延续下去（P2c）。没有人需要等某一个进程恢复，也没有靠超时去猜——value 由过半选定，之后的任何过半集合都能得知它。Paxos 的课程就从这里开始：[[paxos-basics|Paxos 入门]]，然后是[[paxos-derivation|Paxos 的推导]]；ZAB 对同一思想的做法见[[two-phase-commit]]与[[zab-vs-paxos]]两课。',
      },
      actions: ['lab start p5', 'lab run 1s', 'begin T2', 'lab run 55ms', 'lab kill c', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'DECISION-REQUEST', from: 6, to: 2 },
        { kind: 'output', contains: 'c: down; log: T2 voting' },
        { kind: 'output', contains: 'p5: participant, T2 uncertain (voted yes, holding locks, blocked' },
        { kind: 'output', contains: 'T2: blocked (p1,p2,p3,p4,p5 uncertain, holding locks, asking)' },
        { kind: 'output', contains: 'BlockedNotGuessed ok' },
      ],
    },
  ],
  challenge: {
    en: 'Open the lesson [[paxos-basics|Paxos basics]], then the Paxos lab `?protocol=paxos&acceptors=5&proposers=2&seed=3`: kill two acceptors and propose at p1. Is a value still chosen? Kill a third: what happens now, and how is it different from 2PC\'s blocking?',
    'zh-CN': '打开[[paxos-basics|Paxos 入门]]一课，再打开 Paxos 实验 `?protocol=paxos&acceptors=5&proposers=2&seed=3`：杀掉两个 Acceptor，让 p1 提出一个 value。还会有 value 被选定吗？再杀掉第三个：现在会怎样？这与 2PC 的阻塞有什么不同？',
  },
};
