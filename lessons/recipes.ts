import type { Lesson } from './types.ts';

/** Recipes with several clients (notes 003 Curator, 004 §10.2.5, §10.2.6): lock, election, barrier, queue. */
export const recipes: Lesson = {
  id: 'recipes',
  title: { en: 'Recipes: lock, election, barrier, queue', 'zh-CN': '典型应用：分布式锁、选主、屏障、队列' },
  ensemble: 'voters=3&seed=9',
  steps: [
    {
      narration: {
        en: 'An exclusive lock. Each client creates an ephemeral sequential node (临时顺序节点) under /lock. The lowest number holds the lock; every other client watches only the node just before its own. Console 1 gets n-0000000000 and holds the lock; console 2 gets n-0000000001 and watches n-0000000000 — not the whole directory, so no herd.',
        'zh-CN': '排他锁。每个客户端在 /lock 下创建一个临时顺序节点。序号最小的持有锁；其他客户端只监听排在自己前面的那一个节点。控制台 1 得到 n-0000000000，持有锁；控制台 2 得到 n-0000000001，只监听 n-0000000000——而不是整个目录，因此不会有羊群效应。',
      },
      actions: ['lab run 3s', 'create /lock', 'create -e -s /lock/n- c1', '@2 create -e -s /lock/n- c2', '@2 ls /lock', '@2 stat -w /lock/n-0000000000'],
      checks: [
        { kind: 'output', contains: 'Created /lock/n-0000000000' },
        { kind: 'output', contains: 'Created /lock/n-0000000001' },
      ],
    },
    {
      narration: {
        en: 'Console 1 finishes (or crashes) and its session closes. Its ephemeral node disappears, console 2 alone is woken by NodeDeleted, lists /lock, sees its node is now the lowest, and holds the lock. A crashed holder can never leave the lock stuck: its session expires and the node goes with it.',
        'zh-CN': '控制台 1 用完了锁（或崩溃），会话关闭。它的临时节点消失，只有控制台 2 被 NodeDeleted 唤醒；它列出 /lock，发现自己的节点已是最小的，于是获得锁。持有者崩溃也不会让锁永远卡住：会话过期，节点随之删除。',
      },
      actions: ['close', '@2 ls /lock'],
      checks: [
        { kind: 'output', contains: 'type:NodeDeleted path:/lock/n-0000000000' },
        { kind: 'output', contains: '[n-0000000001]' },
      ],
    },
    {
      narration: {
        en: 'Leader election among clients (选主) is the lock’s construction with another meaning. Three candidates — consoles 3, 4 and 5 — each create an ephemeral sequential node under /election holding their name. The lowest, n_0000000000 (server-a), is the leader, and anyone reads its data to learn who leads. Each of the others watches only its predecessor: console 4 watches n_0000000000, console 5 watches n_0000000001. When the leader’s session ends, its node goes; only console 4 is woken, lists /election, finds itself lowest and takes over — console 5 sleeps on.',
        'zh-CN': '客户端之间的选主，就是换了含义的分布式锁。三个候选者——控制台 3、4、5——各自在 /election 下创建一个保存自己名字的临时顺序节点。序号最小的 n_0000000000（server-a）就是 Leader，任何人读取它的数据就知道谁在领导。其余候选者只监听排在自己前面的节点：控制台 4 监听 n_0000000000，控制台 5 监听 n_0000000001。Leader 的会话结束时，它的节点随之删除；只有控制台 4 被唤醒，列出 /election，发现自己最小，于是接任——控制台 5 继续等待，没有被打扰。',
      },
      actions: [
        '@3 create /election',
        '@3 create -e -s /election/n_ server-a',
        '@4 create -e -s /election/n_ server-b',
        '@5 create -e -s /election/n_ server-c',
        '@5 get /election/n_0000000000',
        '@4 stat -w /election/n_0000000000',
        '@5 stat -w /election/n_0000000001',
        '@3 close',
        'lab run 100ms',
        '@4 ls /election',
        '@4 get /election/n_0000000001',
      ],
      checks: [
        { kind: 'output', contains: 'Created /election/n_0000000002' },
        { kind: 'output', contains: 'server-a' },
        { kind: 'output', contains: 'type:NodeDeleted path:/election/n_0000000000' },
        { kind: 'output', contains: 'type:NodeDeleted path:/election/n_0000000001', absent: true },
        { kind: 'output', contains: '[n_0000000001, n_0000000002]' },
      ],
    },
    {
      narration: {
        en: 'A barrier: workers wait while /barrier exists. Consoles 3 and 4 each leave an exists-watch on it; the coordinator (console 2) deletes it, and both are released by the same NodeDeleted event — here waking everyone is exactly the point.',
        'zh-CN': '屏障（Barrier）：只要 /barrier 存在，工作者就等待。控制台 3 和 4 各自对它注册 exists 监听；协调者（控制台 2）删除它，两者被同一个 NodeDeleted 事件同时放行——这里唤醒所有人正是目的所在。',
      },
      actions: ['@2 create /barrier', '@3 stat -w /barrier', '@4 stat -w /barrier', '@2 delete /barrier', 'lab run 100ms'],
      checks: [
        { kind: 'output', contains: 'type:NodeDeleted path:/barrier' },
      ],
    },
    {
      narration: {
        en: 'A FIFO queue: producers append persistent sequential nodes; the sequence numbers, assigned by the leader in zxid order, give one total order. A consumer takes the lowest, reads it and deletes it; if two consumers race, only one delete succeeds.',
        'zh-CN': 'FIFO 队列：生产者追加持久顺序节点；序号由 Leader 按 zxid 顺序分配，给出唯一的全局顺序。消费者取序号最小的节点，读取后删除；如果两个消费者同时抢，只有一个 delete 会成功。',
      },
      actions: ['@2 create /queue', '@4 create -s /queue/item- first', '@5 create -s /queue/item- second', '@2 get /queue/item-0000000000', '@2 delete /queue/item-0000000000', '@4 delete /queue/item-0000000000', '@2 ls /queue'],
      checks: [
        { kind: 'output', contains: 'first' },
        { kind: 'output', contains: 'Node does not exist: /queue/item-0000000000' },
        { kind: 'output', contains: '[item-0000000001]' },
      ],
    },
  ],
  challenge: {
    en: 'With three consoles, build the lock again and kill the server the lock holder is connected to instead of closing it. Does the next client get the lock, and when?',
    'zh-CN': '用三个控制台重新实现这把锁，但不要关闭持有者的会话，而是杀掉它所连接的服务器。下一个客户端会获得锁吗？在什么时候？',
  },
};
