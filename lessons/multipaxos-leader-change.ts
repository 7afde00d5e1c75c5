import type { Lesson } from './types.ts';

/**
 * A Multi-Paxos leader change (src/protocol/multipaxos/presets.ts, `leaderChange`, in steps): the
 * new leader's one phase 1 re-proposes what may be chosen and fills holes with no-ops; the old
 * leader catches up. Seed 2: r1 leads first; r3, cut off longest, leads next. Processes: r1–r3 = 1–3.
 */
export const multiPaxosLeaderChange: Lesson = {
  id: 'multipaxos-leader-change',
  title: {
    en: 'Multi-Paxos leader change: re-proposals and no-op holes',
    'zh-CN': 'Multi-Paxos 更换领导者：重新提出与用 no-op 填补空洞',
  },
  ensemble: 'protocol=multipaxos&replicas=3&seed=2',
  steps: [
    {
      narration: {
        en: 'The same three replicas as in the lesson `multipaxos`: r1 becomes leader with ballot 1.1 and gets a chosen in slot 1. Everything here is phase 2 only, as long as r1 leads. The interesting moment is when it stops leading while some slots are half done — the next two steps prepare exactly that, and the step after shows how the new leader cleans up.',
        'zh-CN': '和 `multipaxos` 一课相同的三个副本：r1 以编号 1.1 成为领导者，并在日志槽 1 选定了 a。只要 r1 还在领导，一切都只需阶段二。有意思的是它在某些日志槽只完成一半时下台的那一刻——接下来两步就来制造这种局面，再下一步看新领导者如何收拾。',
      },
      actions: ['lab run 3s', 'propose a', 'lab run 1s', 'lab status'],
      checks: [
        { kind: 'output', contains: 'r1: leader, ballot 1.1' },
        { kind: 'output', contains: 'slot 1: a chosen' },
      ],
    },
    {
      narration: {
        en: 'Cut r1 off from r2 and r3 and propose b. r1 puts b in slot 2 and accepts it itself, but its ACCEPTs cannot reach anyone: the grid says `slot 2: b accepted`, and only r1 holds it. One acceptor out of three is no majority, so b is not chosen — and r1 never will be able to tell its client otherwise. Heal the partition before r2 and r3 lose patience.',
        'zh-CN': '把 r1 与 r2、r3 隔开，然后提出 b。r1 把 b 放进日志槽 2 并自己接受了它，但它的 ACCEPT 到达不了任何副本：表格显示 `slot 2: b accepted`，只有 r1 持有它。三个中的一个不构成过半，所以 b 没有被选定——r1 也永远无法告诉客户端它成功了。在 r2、r3 失去耐心之前恢复网络。',
      },
      actions: ['lab partition r1 r2,r3', 'propose b', 'lab run 200ms', 'lab heal', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', from: 1, absent: true },
        { kind: 'output', contains: 'slot 2: b accepted' },
      ],
    },
    {
      narration: {
        en: 'Now cut r3 off from r1 and r2, make r2\'s messages to r1 very slow (3 s), and propose c: r1 puts it in slot 3, r2 accepts it, but r2\'s ACCEPTED is still on its way when r1 is killed 100 ms later. Look carefully at slot 3: r1 and r2 — a majority — have accepted c, so c is chosen, yet no replica alive knows it. Slot 2 is different: b is held by the dead r1 alone. The grid shows `slot 3: c accepted`, and the network is healed again.',
        'zh-CN': '这次把 r3 与 r1、r2 隔开，让 r2 发往 r1 的消息变得很慢（3 秒），然后提出 c：r1 把它放进日志槽 3，r2 接受了它，但 r2 的 ACCEPTED 还在路上时，r1 在 100 毫秒后被杀掉了。仔细看日志槽 3：r1 和 r2——一个过半集合——都接受了 c，所以 c 已经被选定，可是没有一个存活的副本知道。日志槽 2 则不同：b 只保存在已宕机的 r1 上。表格显示 `slot 3: c accepted`，网络也已恢复。',
      },
      actions: ['lab partition r1,r2 r3', 'lab delay r2->r1 3000ms', 'propose c', 'lab run 100ms', 'lab kill r1', 'lab heal', 'lab status'],
      checks: [
        { kind: 'packet', type: 'ACCEPT', from: 1, to: 2 },
        { kind: 'output', contains: 'r1: down' },
        { kind: 'output', contains: 'slot 3: c accepted' },
      ],
    },
    {
      narration: {
        en: 'Run 5 s. r3, which has heard no heartbeat the longest, times out first and runs phase 1 once, with ballot 2.3, for every slot from its first unchosen one, slot 2. r3 itself never saw c, but r2\'s PROMISE reports c in slot 3 (ballot 1.1). So the new leader proposes c again in slot 3 — it may be chosen (it is!), and P2c says it must be kept — and, as no promise reported anything in slot 2, fills that hole with a no-op: b, never chosen, is gone. The grid: `slot 2: no-op chosen`, `slot 3: c chosen`, and r3\'s line starts `r3: leader, ballot 2.3`.',
        'zh-CN': '运行 5 秒。最久没收到心跳的 r3 最先超时，以编号 2.3 执行一次阶段一，覆盖从它第一个未选定的日志槽（日志槽 2）起的全部实例。r3 自己从未见过 c，但 r2 的 PROMISE 报告了日志槽 3 中的 c（编号 1.1）。于是新领导者在日志槽 3 重新提出 c——它可能已经被选定（事实上确实如此！），P2c 要求必须保留它——而日志槽 2 没有任何承诺报告过值，就用 no-op 填补这个空洞：从未被选定的 b 消失了。表格：`slot 2: no-op chosen`、`slot 3: c chosen`，r3 这一行以 `r3: leader, ballot 2.3` 开头。',
      },
      actions: ['lab run 5s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'PREPARE', from: 3, to: 2 },
        { kind: 'packet', type: 'PROMISE', from: 2, to: 3 },
        { kind: 'output', contains: 'r3: leader, ballot 2.3' },
        { kind: 'output', contains: 'slot 2: no-op chosen' },
        { kind: 'output', contains: 'slot 3: c chosen' },
        { kind: 'output', contains: 'SlotAgreement ok' },
      ],
    },
    {
      narration: {
        en: 'Propose d (it goes to slot 4, phase 2 only), then start r1 again. r1 still has b in slot 2 on its disk, but it follows r3\'s higher ballot, notices from the heartbeats that the log is chosen further than it knows, and asks with CATCHUP; the answers are CHOSEN messages. Moments after it starts, r1 has executed the same log as everyone else — a, no-op, c, d — and its b was simply overwritten by the chosen no-op. A client that proposed b must ask again: Multi-Paxos never told it b succeeded.',
        'zh-CN': '提出 d（它进入日志槽 4，只需阶段二），然后重新启动 r1。r1 的磁盘上日志槽 2 里仍有 b，但它追随 r3 更高的编号，从心跳中发现日志已被选定到比它所知更远的位置，便发送 CATCHUP 询问；回答是一条条 CHOSEN。启动后不久，r1 就执行了与其他副本完全相同的日志——a、no-op、c、d——它的 b 被已选定的 no-op 覆盖了。提出 b 的客户端必须重新请求：Multi-Paxos 从未告诉它 b 成功了。',
      },
      actions: ['propose d', 'lab run 1s', 'lab start r1', 'lab run 4s', 'lab status', 'lab invariants'],
      checks: [
        { kind: 'packet', type: 'CATCHUP', from: 1, to: 3 },
        { kind: 'packet', type: 'CHOSEN', from: 3, to: 1 },
        { kind: 'output', contains: 'slot 4: d chosen' },
        { kind: 'output', contains: 'r1: follower' },
        { kind: 'output', contains: 'ExecutedPrefix ok' },
      ],
    },
  ],
  challenge: {
    en: 'Replay step 3 without `lab delay r2->r1 3000ms`. Does r1 now learn that c is chosen before it dies, and what does the new leader do with slot 3 then?',
    'zh-CN': '重做第 3 步，但不执行 `lab delay r2->r1 3000ms`。这次 r1 在宕机前能否得知 c 已被选定？新领导者又会怎样处理日志槽 3？',
  },
};
