import type { Lesson } from './types.ts';

/**
 * The companion of zab-vs-paxos (notes 003 §4.2.4, "ZAB 与 Paxos 算法的联系与区别"): the same
 * fault schedule — three servers, two writes, kill the leader, a third write — on Multi-Paxos, with
 * the terminology map, then where the two part (order, recovery). Seed 3 makes r3 lead first and
 * r2 next, as zk3 and zk2 do in zab-vs-paxos. Processes: r1–r3 = 1–3.
 */
export const zabVsMultiPaxos: Lesson = {
  id: 'zab-vs-multipaxos',
  title: {
    en: 'ZAB vs Multi-Paxos: the same schedule, side by side',
    'zh-CN': 'ZAB 与 Multi-Paxos：同一个故障时间表，并排对照',
  },
  ensemble: 'protocol=multipaxos&replicas=3&seed=3',
  steps: [
    {
      narration: {
        en: 'This lesson replays the schedule of the lesson `zab-vs-paxos` — three servers, two writes, kill the leader, write again — on Multi-Paxos; open both in two tabs and compare step by step. There zk3 led epoch 1; here r3 times out first and runs phase 1 with ballot 1.3. The words map: a ballot is ZAB\'s epoch (both say "whose term is this"); PREPARE is LEADERINFO proposing the new epoch; PROMISE is ACKEPOCH — a promise to ignore older leaders, carrying what the acceptor already holds (accepted values; in ZAB, the last zxid). `lab status`: `r3: leader, ballot 1.3`.',
        'zh-CN': '这一课在 Multi-Paxos 上重演 `zab-vs-paxos` 一课的时间表——三台服务器、两次写入、杀掉 Leader、再写一次；可以在两个标签页里同时打开两课，逐步对照。那边是 zk3 领导 epoch 1；这里是 r3 最先超时，以编号 1.3 执行阶段一。术语对应如下：编号（ballot）就是 ZAB 的 epoch（两者都回答“这是谁的任期”）；PREPARE 相当于提出新 epoch 的 LEADERINFO；PROMISE 相当于 ACKEPOCH——承诺不再理会更旧的 Leader，并带上自己已有的东西（已接受的值；在 ZAB 中是最后的 zxid）。`lab status`：`r3: leader, ballot 1.3`。',
      },
      actions: ['lab run 3s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 3, to: 1 },
        { kind: 'packet', type: 'PROMISE', from: 1, to: 3 },
        { kind: 'output', contains: 'r3: leader, ballot 1.3' },
      ],
    },
    {
      narration: {
        en: 'Write twice, as ZAB\'s lesson creates /p1 and /p2. ACCEPT is ZAB\'s PROPOSAL, ACCEPTED is ACK, and CHOSEN — sent once a majority accepted — is COMMIT; a slot number plays the part of the zxid\'s counter. Like ZAB\'s broadcast, this is phase 2 alone, with no PREPARE: the leader won phase 1 for every future slot at once. The grid: `slot 1: /p1=a chosen`, `slot 2: /p2=b chosen`, where ZAB gave /p1 and /p2 the zxids 0x100000002 and 0x100000003.',
        'zh-CN': '写两次，就像 ZAB 那一课创建 /p1 和 /p2。ACCEPT 相当于 ZAB 的 PROPOSAL，ACCEPTED 相当于 ACK，过半接受后发出的 CHOSEN 相当于 COMMIT；日志槽编号扮演 zxid 中计数器的角色。和 ZAB 的消息广播一样，这里只有阶段二，没有 PREPARE：领导者已经一次性为将来的所有日志槽赢得了阶段一。表格：`slot 1: /p1=a chosen`、`slot 2: /p2=b chosen`，而在 ZAB 中 /p1 和 /p2 得到的 zxid 是 0x100000002 和 0x100000003。',
      },
      actions: ['propose /p1=a', 'propose /p2=b', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', absent: true },
        { kind: 'packet', type: 'ACCEPT', from: 3, to: 2 },
        { kind: 'packet', type: 'ACCEPTED', from: 2, to: 3 },
        { kind: 'packet', type: 'CHOSEN', from: 3, to: 1 },
        { kind: 'output', contains: 'slot 2: /p2=b chosen' },
      ],
    },
    {
      narration: {
        en: 'Kill the leader, wait 3 s, write again. As zk2 won epoch 2, r2 times out and wins ballot 2.2 with phase 1 from slot 3, its first unchosen slot; /p3 goes to slot 3. Here the two part ways. ZAB\'s new leader is the server with the most complete history, and before proposing anything it synchronizes every follower to that history (DIFF, NEWLEADER, UPTODATE); its first new zxid, 0x200000001, restarts the counter in the new epoch. A Multi-Paxos leader can be any replica with a majority of promises; it settles the undecided slots one by one from what the promises report (nothing here) and simply continues the slot numbers.',
        'zh-CN': '杀掉领导者，等 3 秒，再写一次。就像 zk2 赢得 epoch 2 一样，r2 超时后以编号 2.2 赢得阶段一，从它第一个未选定的日志槽 3 开始；/p3 进入日志槽 3。两者在这里分道扬镳。ZAB 的新 Leader 是历史最完整的服务器，在提出任何新事务之前，它先把每个 Follower 同步到这份历史（DIFF、NEWLEADER、UPTODATE）；它的第一个新 zxid 是 0x200000001，计数器在新 epoch 中从头开始。Multi-Paxos 的领导者可以是任何拿到过半承诺的副本；它根据承诺中报告的内容逐个处理未决定的日志槽（这里没有），日志槽编号则直接接着往下排。',
      },
      actions: ['lab kill r3', 'lab run 3s', 'propose /p3=c', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 2, to: 1 },
        { kind: 'output', contains: 'r2: leader, ballot 2.2' },
        { kind: 'output', contains: 'slot 3: /p3=c chosen' },
      ],
    },
    {
      narration: {
        en: 'The second difference is order. Slow r2\'s link to r1 by 400 ms, write /p4, restore the link 100 ms later and write /p5. With r3 down, r2 needs r1 for every majority; /p4\'s ACCEPT is late, /p5\'s is not, so the grid shows `slot 4: /p4=d accepted` but `slot 5: /p5=e chosen` — a later slot chosen first, to be executed only once slot 4 is chosen too. ZAB never allows this: a follower ACKs proposals in zxid order over one FIFO connection and the leader commits in that order, primary order. That is the notes\' "essential difference": ZAB builds a primary-backup system, Paxos a replicated state machine.',
        'zh-CN': '第二个区别是顺序。把 r2 到 r1 的链路延迟 400 毫秒，写入 /p4，100 毫秒后恢复链路并写入 /p5。r3 宕机后，r2 的每个过半集合都离不开 r1；/p4 的 ACCEPT 迟到了，/p5 的没有，于是表格显示 `slot 4: /p4=d accepted`，却有 `slot 5: /p5=e chosen`——靠后的日志槽先被选定，要等日志槽 4 也被选定后才会执行。ZAB 绝不允许这样：Follower 通过一条先进先出的连接按 zxid 顺序 ACK，Leader 也按这个顺序提交，这就是主进程顺序。这正是笔记所说的本质区别：ZAB 用于构建高可用的主备系统，Paxos 用于构建一致性状态机系统。',
      },
      actions: ['lab delay r2->r1 400ms', 'propose /p4=d', 'lab run 100ms', 'lab delay r2->r1 0ms', 'propose /p5=e', 'lab run 150ms', 'lab status'],
      checks: [
        { kind: 'output', contains: 'slot 4: /p4=d accepted' },
        { kind: 'output', contains: 'slot 5: /p5=e chosen' },
      ],
    },
    {
      narration: {
        en: 'Finally recovery: run a second, then start r3 again. In ZAB a returning server first syncs with the leader (DIFF, TRUNC or SNAP) and only then follows. Here r3 follows r2\'s higher ballot at once and fills its log slot by slot: it sees from the HEARTBEAT that the log is chosen further than it knows and asks with CATCHUP, answered by CHOSEN messages — the Multi-Paxos counterpart of DIFF. Within half a second of its start r3 has executed the same five slots as the others, and every invariant is green. The map in one line: ballot ↔ epoch, slot ↔ zxid counter, PREPARE/PROMISE ↔ LEADERINFO/ACKEPOCH, ACCEPT/ACCEPTED ↔ PROPOSAL/ACK, CHOSEN ↔ COMMIT, CATCHUP → CHOSEN ↔ DIFF.',
        'zh-CN': '最后是恢复：运行一秒，再重新启动 r3。在 ZAB 中，回来的服务器先与 Leader 同步（DIFF、TRUNC 或 SNAP），然后才开始跟随。这里 r3 立即追随 r2 更高的编号，并逐个日志槽补齐：它从 HEARTBEAT 中看出日志已被选定到比它所知更远的位置，便发送 CATCHUP，得到一条条 CHOSEN 作为回答——这就是 Multi-Paxos 版本的 DIFF。启动后不到半秒，r3 就执行了与其他副本相同的五个日志槽，所有不变式都是绿色。一行概括这张对照表：编号 ↔ epoch，日志槽 ↔ zxid 的计数器，PREPARE/PROMISE ↔ LEADERINFO/ACKEPOCH，ACCEPT/ACCEPTED ↔ PROPOSAL/ACK，CHOSEN ↔ COMMIT，CATCHUP → CHOSEN ↔ DIFF。',
      },
      actions: ['lab run 1s', 'lab start r3', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'CATCHUP', from: 3, to: 2 },
        { kind: 'packet', type: 'CHOSEN', from: 2, to: 3 },
        { kind: 'output', contains: 'r3: follower' },
        { kind: 'output', contains: 'slot 4: /p4=d chosen' },
        { kind: 'output', contains: 'ExecutedPrefix ok' },
      ],
    },
  ],
  challenge: {
    en: 'In `zab-vs-paxos`, a proposal that reached a follower but was never committed survives a leader crash (its challenge). Reproduce the same thing here: a value accepted by one follower only, then the leader dies. What does the new leader do with that slot — and which Paxos rule is the counterpart of "the highest zxid wins"?',
    'zh-CN': '在 `zab-vs-paxos` 中，一个已到达某个 Follower、却从未被提交的事务 Proposal 能在 Leader 崩溃后保留下来（见那一课的挑战题）。在这里重现同样的情形：一个值只被一个跟随者接受，然后领导者宕机。新领导者会怎样处理那个日志槽？与“zxid 最大者胜出”相对应的是 Paxos 的哪条规则？',
  },
};
