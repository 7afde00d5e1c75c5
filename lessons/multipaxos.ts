import type { Lesson } from './types.ts';

/**
 * Multi-Paxos and its leader (notes 003 §3.1.5, "Paxos 协议实现"; src/protocol/multipaxos): one
 * phase 1 for every slot, then phase 2 only; the slot grid; a slot chosen out of order, which ZAB's
 * primary order never allows. Seed 2 makes r1 lead first. Processes: r1–r3 = 1–3.
 */
export const multiPaxos: Lesson = {
  id: 'multipaxos',
  title: {
    en: 'Multi-Paxos: one leader, phase 1 once, a log of slots',
    'zh-CN': 'Multi-Paxos：一个领导者、一次阶段一、一串日志槽',
  },
  ensemble: 'protocol=multipaxos&replicas=3&seed=2',
  steps: [
    {
      narration: {
        en: 'Basic Paxos decides one value; a replicated service needs a sequence of them — a log in which every slot (an instance, in the notes) is decided by its own Paxos. Running both phases per slot, with any replica proposing, would be slow and would invite the duels of the previous lessons. So the three replicas r1–r3 here each play proposer, acceptor and learner, and first pick a leader: the replica that has heard no leader for its election timeout — r1, after 1.5 s — sends PREPARE with ballot 1.1, once, for every slot from 1 on. r2 and r3 promise with PROMISE, r1 is leader, and from then on it sends HEARTBEATs. `lab status` shows `r1: leader, ballot 1.1`, and each follower `leader: r1 (ballot 1.1)`.',
        'zh-CN': 'Basic Paxos 只决定一个 value；一个多副本的服务需要决定一串 value——一份日志，其中每个日志槽（笔记里称为一个 Instance，实例）都由一轮独立的 Paxos 决定。如果每个日志槽都走完两个阶段、谁都可以提出提案，既慢，又会招来前几课那样的互相抢占。所以这里的三个副本 r1–r3 各自兼任 Proposer、Acceptor 和 Learner，并且先选出一个领导者：在选举超时内没有听到任何领导者的副本——1.5 秒后的 r1——发送编号为 1.1 的 PREPARE，只发一次，覆盖从日志槽 1 起的全部实例。r2 和 r3 回复 PROMISE，r1 成为领导者，此后不断发送 HEARTBEAT。`lab status` 显示 `r1: leader, ballot 1.1`，每个跟随者显示 `leader: r1 (ballot 1.1)`。',
      },
      actions: ['lab run 3s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 1, to: 2 },
        { kind: 'packet', type: 'PROMISE', from: 3, to: 1 },
        { kind: 'packet', type: 'HEARTBEAT', from: 1 },
        { kind: 'output', contains: 'r1: leader, ballot 1.1' },
        { kind: 'output', contains: 'leader: r1 (ballot 1.1)' },
      ],
    },
    {
      narration: {
        en: 'Propose a, b and c (`propose VALUE` goes to the leader). r1 puts them in slots 1, 2 and 3 and sends one ACCEPT per slot; a follower answers ACCEPTED to the leader only, and once a majority (r1 itself and one other) has accepted a slot the leader sends CHOSEN to everyone. Note what is missing: no PREPARE, no PROMISE — phase 1 was done once, for all slots, so each new value costs phase 2 alone (the notes: with a stable Master the "Prepare → Promise" step is not needed). The slot grid at the end of `lab status` reads `slot 1: a chosen`, `slot 2: b chosen`, `slot 3: c chosen`.',
        'zh-CN': '提出 a、b、c（`propose VALUE` 会发给领导者）。r1 把它们放进日志槽 1、2、3，每个日志槽发一个 ACCEPT；跟随者只向领导者回复 ACCEPTED，一旦过半（r1 自己加上另一个副本）接受了某个日志槽，领导者就向所有副本发送 CHOSEN。注意少了什么：没有 PREPARE，也没有 PROMISE——阶段一已经为所有日志槽执行过一次，每个新 value 只需要阶段二（笔记中说：Master 稳定运行时，不需要“Prepare → Promise”这一步）。`lab status` 末尾的日志槽表格是 `slot 1: a chosen`、`slot 2: b chosen`、`slot 3: c chosen`。',
      },
      actions: ['propose a', 'propose b', 'propose c', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', absent: true },
        { kind: 'packet', type: 'ACCEPT', from: 1, to: 2 },
        { kind: 'packet', type: 'ACCEPTED', from: 3, to: 1 },
        { kind: 'packet', type: 'CHOSEN', from: 1, to: 3 },
        { kind: 'output', contains: 'slot 3: c chosen' },
      ],
    },
    {
      narration: {
        en: 'Each slot is its own Paxos instance, so nothing forces slots to be chosen in order. Slow down r1\'s links to r2 and r3 by 400 ms, propose d, restore the links 100 ms later and propose e, then look 150 ms after that. d\'s ACCEPTs are still on their way, e\'s already came back: the grid says `slot 4: d accepted` (only r1 has it) and `slot 5: e chosen`. The replicas keep slot 5 but do not execute it — r1\'s line reads `chosen up to 3 (highest chosen 5), executed 3` — because a state machine must apply the log strictly in slot order.',
        'zh-CN': '每个日志槽都是一个独立的 Paxos 实例，所以没有什么强制日志槽按顺序被选定。把 r1 到 r2、r3 的链路延迟 400 毫秒，提出 d，100 毫秒后恢复链路并提出 e，再过 150 毫秒看一看。d 的 ACCEPT 还在路上，e 的已经回来了：表格显示 `slot 4: d accepted`（只有 r1 有它）和 `slot 5: e chosen`。副本记下了日志槽 5，却不执行它——r1 这一行是 `chosen up to 3 (highest chosen 5), executed 3`——因为状态机必须严格按日志槽顺序应用日志。',
      },
      actions: [
        'lab delay r1->r2 400ms', 'lab delay r1->r3 400ms', 'propose d', 'lab run 100ms',
        'lab delay r1->r2 0ms', 'lab delay r1->r3 0ms', 'propose e', 'lab run 150ms', 'lab status',
      ],
      checks: [
        { kind: 'packet', type: 'CHOSEN', from: 1, to: 2 },
        { kind: 'output', contains: 'slot 4: d accepted' },
        { kind: 'output', contains: 'slot 5: e chosen' },
        { kind: 'output', contains: 'chosen up to 3 (highest chosen 5), executed 3' },
      ],
    },
    {
      narration: {
        en: 'Run one more second: d\'s late ACCEPTs arrive, slot 4 is chosen, and every replica executes 4 and 5 together (`executed 5`). This out-of-order choice is normal in Multi-Paxos. ZAB forbids it by design: one leader per epoch numbers its proposals with consecutive zxids, each follower ACKs them in order over one FIFO connection, and the leader commits them in that order — primary order (see step 2 of the lesson `zab-vs-paxos`, where /p1 and /p2 get 0x100000002 and 0x100000003). `lab invariants` stays green here too: ExecutedPrefix checks that no replica ever executed past a hole.',
        'zh-CN': '再运行一秒：d 迟到的 ACCEPT 到达，日志槽 4 被选定，每个副本一并执行日志槽 4 和 5（`executed 5`）。这种乱序选定在 Multi-Paxos 中很正常。ZAB 在设计上就不允许：每个 epoch 只有一个 Leader，它用连续的 zxid 给事务 Proposal 编号，每个 Follower 通过一条先进先出的连接按顺序 ACK，Leader 也按这个顺序提交——这就是主进程顺序（见 `zab-vs-paxos` 一课的第 2 步，/p1 和 /p2 分别得到 0x100000002 和 0x100000003）。这里 `lab invariants` 同样全绿：ExecutedPrefix 检查没有任何副本越过空洞执行。',
      },
      actions: ['lab run 1s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'ACCEPTED', from: 2, to: 1 },
        { kind: 'output', contains: 'slot 4: d chosen' },
        { kind: 'output', contains: 'chosen up to 5, executed 5' },
        { kind: 'output', contains: 'ExecutedPrefix ok' },
      ],
    },
  ],
  challenge: {
    en: 'Kill r3, then make slot 7 be chosen before slot 6 by delaying a single link. Which link, and why does one slow link suffice now when step 3 needed two?',
    'zh-CN': '杀掉 r3，然后只延迟一条链路，让日志槽 7 先于日志槽 6 被选定。该延迟哪一条？为什么现在一条就够，而第 3 步需要两条？',
  },
};
