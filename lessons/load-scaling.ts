import type { Lesson } from './types.ts';

/**
 * Load you can see (notes 001 §1 and 004: observers raise read performance without hurting writes;
 * writes get slower as voters are added; odd sizes). `lab load` runs load clients on the ensemble;
 * `lab sweep` measures saturated throughput against the share of reads in throwaway runs — the
 * shape of Figure 5 of the ZooKeeper paper (Hunt et al., USENIX ATC 2010). The numbers the checks
 * read are the sweep's, which is deterministic (README: "Load and the cost model").
 */
export const loadScaling: Lesson = {
  id: 'load-scaling',
  title: { en: 'Load you can see: why observers, why an odd number', 'zh-CN': '看得见的负载：为什么用 Observer，为什么是奇数' },
  ensemble: 'voters=3&seed=1',
  steps: [
    {
      narration: {
        en: 'Start a load: 12 client sessions spread over the three servers send 200 requests a second, 90 % getData and 10 % setData of /load. Every request costs the server that handles it simulated time, so a busy server queues. `lab load` prints what each server served over the last 10 simulated seconds: reads are answered where they arrive, so each server serves a third of them; every write went through the leader. (The Load tab below the ring draws the same numbers live.)',
        'zh-CN': '启动负载：12 个客户端会话分布在三台服务器上，每秒发送 200 个请求，其中 90% 是对 /load 的 getData，10% 是 setData。每个请求都会占用处理它的服务器一段模拟时间，服务器忙时请求就要排队。`lab load` 打印每台服务器在最近 10 秒模拟时间内处理的请求：读请求在到达的服务器上直接应答，所以每台服务器各处理三分之一；每个写请求都经过 Leader。（环形图下方的“负载”标签页实时画出同样的数字。）',
      },
      actions: ['lab run 3s', 'lab load clients=12 reads=90% rate=200/s', 'lab run 10s', 'lab load'],
      checks: [
        { kind: 'state', server: 3, is: 'LEADING' },
        { kind: 'packet', type: 'REQUEST', to: 3 },
        { kind: 'output', contains: 'zk1 reads/s=59 writes/s=6' },
        { kind: 'output', contains: 'total reads/s=176 writes/s=19' },
      ],
    },
    {
      narration: {
        en: 'How much can the ensemble do? `lab sweep` saturates it at 0 %, 50 % and 100 % reads, each point in a throwaway run (your run is untouched). Then the same with two observers added. At 100 % reads every server serves: 3 voters + 2 observers answer 500 requests a second against 300 — more than 1.5×. At 0 % reads the observers cost the leader only an INFORM each: 43 writes a second against 51. Observers scale reads, not writes.',
        'zh-CN': '集群最多能处理多少？`lab sweep` 分别在 0%、50%、100% 读请求下让集群饱和，每个点都在一次性的模拟中运行（不影响你的运行）。然后加两个 Observer 再测一次。100% 读时每台服务器都在服务：3 个投票者 + 2 个 Observer 每秒应答 500 个请求，而只有 3 个投票者时是 300——超过 1.5 倍。0% 读时 Observer 只让 Leader 多发一个 INFORM：每秒 43 个写，对比 51 个。Observer 扩展读，不扩展写。',
      },
      actions: ['lab load stop', 'lab sweep reads=0..100 step=50', 'lab sweep reads=0..100 step=50 observers=2'],
      checks: [
        { kind: 'output', contains: 'sweep: 3 voters + 0 observers' },
        { kind: 'output', contains: '   100    300      300' },
        { kind: 'output', contains: 'sweep: 3 voters + 2 observers' },
        { kind: 'output', contains: '   100    500      500' },
        // Observers scale reads: more than 1.5× the reads at 100 % …
        { kind: 'throughput', reads: 100, a: { voters: 3, observers: 2 }, b: { voters: 3, observers: 0 }, atLeast: 1.5 },
        // … and cost writes little: within 20 % at 0 %, never more.
        { kind: 'throughput', reads: 0, a: { voters: 3, observers: 2 }, b: { voters: 3, observers: 0 }, atLeast: 0.8, atMost: 1 },
      ],
    },
    {
      narration: {
        en: 'Now more voters. Every write costs the leader a PROPOSAL, an ACK and a COMMIT per follower, so with 5 voters it manages 27 writes a second, not 51: more voters make writes slower. Reads still scale (500 at 100 %). And 4 voters? 44 writes a second — slower than 3 — yet a quorum of 4 is 3, so 4 voters survive one failure, exactly like 3. An even size pays for a voter and gets nothing: ensembles are 3, 5 or 7.',
        'zh-CN': '再看更多的投票者。每次写入，Leader 要为每个 Follower 发一个 PROPOSAL、收一个 ACK、再发一个 COMMIT，所以 5 个投票者时每秒只能写 27 次，而不是 51 次：投票者越多，写越慢。读仍然可以扩展（100% 读时 500）。那 4 个投票者呢？每秒 44 次写——比 3 个慢——而 4 个的过半数是 3，所以 4 个投票者和 3 个一样只能容忍一台故障。偶数规模多付出一个投票者却毫无收获：集群规模应为 3、5 或 7。',
      },
      actions: ['lab sweep reads=0..100 step=50 voters=3', 'lab sweep reads=0..100 step=50 voters=4', 'lab sweep reads=0..100 step=50 voters=5'],
      checks: [
        { kind: 'output', contains: 'sweep: 5 voters + 0 observers' },
        { kind: 'output', contains: '     0     27        0        27' },
        { kind: 'output', contains: 'sweep: 4 voters + 0 observers' },
        { kind: 'output', contains: '     0     44        0        44' },
        // More voters, slower writes; 4 voters cost more than 3 and tolerate the same one failure.
        { kind: 'throughput', reads: 0, a: { voters: 4, observers: 0 }, b: { voters: 3, observers: 0 }, atMost: 0.9 },
        { kind: 'throughput', reads: 0, a: { voters: 5, observers: 0 }, b: { voters: 3, observers: 0 }, atMost: 0.6 },
        // Reads still scale with servers: 5 voters serve more than 1.5× what 3 do at 100 % reads.
        { kind: 'throughput', reads: 100, a: { voters: 5, observers: 0 }, b: { voters: 3, observers: 0 }, atLeast: 1.5 },
      ],
    },
  ],
  challenge: {
    en: 'Sweep 7 voters (lab sweep reads=0..100 step=10 voters=7): where does its curve cross the curve of 3 voters, and why does the crossing move to the right as voters are added?',
    'zh-CN': '扫描 7 个投票者（lab sweep reads=0..100 step=10 voters=7）：它的曲线在哪里与 3 个投票者的曲线相交？为什么投票者越多，交点越往右移？',
  },
};
