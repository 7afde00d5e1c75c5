/**
 * For tests: the real nodeWorker.ts behind fake Workers, in this thread — one module instance per
 * "worker", messages structured-cloned and delivered on the microtask queue as postMessage does.
 * `await nodeWorkers(n)` gives a factory for WorkerHost that hands out n such workers.
 */
import { vi } from 'vitest';

export async function nodeWorkers(n: number): Promise<() => Worker> {
  type Handler = ((e: { data: unknown }) => void) | null;
  const g = globalThis as unknown as { self?: unknown };
  const scopes: Array<{ onmessage: Handler; postMessage: (m: unknown) => void }> = [];
  for (let k = 0; k < n; k++) {
    const scope = { onmessage: null as Handler, postMessage: (_m: unknown) => {} };
    g.self = scope;
    vi.resetModules();
    await import('./nodeWorker.ts');
    scopes.push(scope);
  }
  delete g.self;
  return () => {
    const scope = scopes.shift();
    if (!scope) throw new Error('no more workers');
    const w = {
      onmessage: null as Handler,
      onerror: null as unknown,
      dead: false,
      postMessage(m: unknown) {
        const data = structuredClone(m);
        queueMicrotask(() => {
          if (w.dead) return;
          // nodeWorker posts through the global `self` while it handles a message.
          scope.postMessage = (r: unknown) => {
            const reply = structuredClone(r);
            queueMicrotask(() => {
              if (!w.dead) w.onmessage?.({ data: reply });
            });
          };
          g.self = scope;
          try {
            scope.onmessage?.({ data });
          } finally {
            delete g.self;
          }
        });
      },
      terminate() {
        w.dead = true;
      },
    };
    return w as unknown as Worker;
  };
}
