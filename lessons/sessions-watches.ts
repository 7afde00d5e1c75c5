import type { Lesson } from './types.ts';

/** Sessions, ephemerals and watches (notes 002, 004 §11.12): one-shot watches, event types, the herd effect. */
export const sessionsWatches: Lesson = {
  id: 'sessions-watches',
  title: { en: 'Sessions, ephemerals and watches', 'zh-CN': '会话、临时节点与 Watcher' },
  ensemble: 'voters=3&seed=8',
  steps: [
    {
      narration: {
        en: 'Two consoles, two sessions: lines starting with `@2` run in a second zkCli. Console 1 reads /cfg and leaves a Watcher on it (`get -w`). When console 2 changes /cfg, the server sends console 1 a NodeDataChanged event. The event only says what changed; to see the new value the client must read again.',
        'zh-CN': '两个控制台，两个会话：以 `@2` 开头的命令在第二个 zkCli 中执行。控制台 1 读取 /cfg 并在上面注册一个 Watcher（`get -w`）。当控制台 2 修改 /cfg 时，服务器向控制台 1 发送 NodeDataChanged 事件。事件只告诉你“变了”，要看到新值，客户端必须重新读取。',
      },
      actions: ['lab run 3s', 'create /cfg v1', 'get -w /cfg', '@2 set /cfg v2', 'lab run 100ms'],
      checks: [
        { kind: 'output', contains: 'type:NodeDataChanged path:/cfg' },
      ],
    },
    {
      narration: {
        en: 'A watch fires once. Console 2 sets /cfg twice more and console 1 hears nothing: the Watcher was consumed by the first event, and it must be set again with the next read (Curator\'s caches do this for you). Changes between the event and the re-read are not replayed one by one. The other event types: NodeCreated (a `stat -w` on a missing node), NodeDeleted, NodeChildrenChanged (`ls -w`), and session events such as SyncConnected, Disconnected, Expired and Closed with type None.',
        'zh-CN': 'Watcher 是一次性的。控制台 2 又修改了两次 /cfg，控制台 1 什么也没收到：Watcher 已被第一次事件消耗，必须在下一次读取时重新注册（Curator 的缓存会替你做这件事）。事件与重新读取之间的多次变化不会逐条重放。其他事件类型：NodeCreated（对不存在的节点执行 `stat -w`）、NodeDeleted、NodeChildrenChanged（`ls -w`），以及 type 为 None 的会话事件，如 SyncConnected、Disconnected、Expired、Closed。',
      },
      actions: ['@2 set /cfg v3', '@2 set /cfg v4', 'get /cfg', 'stat -w /new', '@2 create /new 1', 'stat -w /new', '@2 delete /new', 'lab run 100ms'],
      checks: [
        { kind: 'output', contains: 'v4' },
        { kind: 'output', contains: 'type:NodeDataChanged', absent: true },
        { kind: 'output', contains: 'type:NodeCreated path:/new' },
        { kind: 'output', contains: 'type:NodeDeleted path:/new' },
      ],
    },
    {
      narration: {
        en: 'Ephemeral nodes (临时节点) live exactly as long as their session (会话). Console 2 registers /svc/a as an ephemeral node, like a service announcing itself; console 1 watches the children of /svc. When console 2 closes its session, the server deletes /svc/a and console 1 gets NodeChildrenChanged: this is how service discovery notices a server going away (a crashed client\'s session expires after its timeout instead).',
        'zh-CN': '临时节点的生命周期与会话完全相同。控制台 2 把 /svc/a 注册为临时节点，就像一个服务上线报到；控制台 1 监听 /svc 的子节点。控制台 2 关闭会话时，服务器删除 /svc/a，控制台 1 收到 NodeChildrenChanged：服务发现正是这样察觉服务器下线的（客户端崩溃时，则是在会话超时后过期）。',
      },
      actions: ['create /svc', '@2 create -e /svc/a 10.0.0.1:8080', 'ls -w /svc', '@2 close', 'lab run 100ms', 'ls /svc'],
      checks: [
        { kind: 'output', contains: 'type:NodeChildrenChanged path:/svc' },
        { kind: 'output', contains: '[]' },
      ],
    },
    {
      narration: {
        en: 'The herd effect (羊群效应): three clients wait for a lock by watching the same node. When it is deleted, all of them are woken at once and all rush to try again, though only one can win. With thousands of waiters this is a storm of events and requests. The cure is in the next lesson: each waiter watches only its predecessor.',
        'zh-CN': '羊群效应：三个客户端通过监听同一个节点来等待锁。节点被删除时，它们同时被唤醒，一齐冲上去重试，但只有一个能成功。等待者成千上万时，这就是一场事件和请求的风暴。解决办法见下一课：每个等待者只监听自己的前一个节点。',
      },
      actions: ['create /lock held', '@3 stat -w /lock', '@4 stat -w /lock', '@5 stat -w /lock', 'delete /lock', 'lab run 100ms'],
      checks: [
        { kind: 'output', contains: 'type:NodeDeleted path:/lock' },
      ],
    },
  ],
  challenge: {
    en: 'Make console 1 receive every change of /cfg made by console 2, three changes in a row, without missing one. (Hint: `addWatch`, or re-arm the watch each time.)',
    'zh-CN': '让控制台 1 收到控制台 2 对 /cfg 的每一次修改，连续三次，一次也不漏。（提示：`addWatch`，或每次重新注册 Watcher。）',
  },
};
