/**
 * Everything that drives the runtime — the frame loop's advance, console commands, UI buttons —
 * runs through one queue, one operation at a time. Two runs never overlap, and a user action
 * never lands in the middle of a batch a worker is still computing (which would make the live
 * run differ from its replay). A long advance yields as soon as someone else is waiting.
 */
export class OpQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private active = false;

  /** Runs `op` after every operation queued before it. */
  run<T>(op: () => Promise<T> | T): Promise<T> {
    this.waiting += 1;
    const p = this.tail.then(async () => {
      this.waiting -= 1;
      this.active = true;
      try {
        return await op();
      } finally {
        this.active = false;
      }
    });
    this.tail = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  /** An operation is running or waiting. */
  get busy(): boolean {
    return this.active || this.waiting > 0;
  }

  /** Someone is waiting for the current operation to finish (a long run should yield). */
  get contended(): boolean {
    return this.waiting > 0;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.run(() => undefined);
  }
}
