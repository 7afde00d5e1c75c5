/**
 * An unchecked Java exception thrown by ZooKeeper's own code (client or server), e.g. the
 * ArrayIndexOutOfBoundsException of `new StatsTrack("garbage")`. The lab throws it where the real
 * code throws, so whoever would catch it in ZooKeeper catches it here, and whatever would die of it
 * (zkCli's main thread, a server's CommitProcessor) dies of it here.
 */
export class JavaThrowable extends Error {
  /**
   * @param className e.g. `java.lang.ArrayIndexOutOfBoundsException`
   * @param frames    the innermost stack frames, without `at ` (ZooKeeper 3.8.0 and JDK 17 line
   *                  numbers, as recorded); the caller appends its own
   */
  constructor(readonly className: string, message: string, readonly frames: readonly string[] = []) {
    super(message);
  }

  /** `Throwable.toString()`: `java.lang.X: message`. */
  override toString(): string {
    return this.className + ': ' + this.message;
  }

  /** NumberFormatException and friends are IllegalArgumentExceptions (a `catch` for that catches them). */
  isIllegalArgument(): boolean {
    return this.className === 'java.lang.IllegalArgumentException' || this.className === 'java.lang.NumberFormatException';
  }
}

export function isJavaThrowable(e: unknown): e is JavaThrowable {
  return e instanceof JavaThrowable;
}
