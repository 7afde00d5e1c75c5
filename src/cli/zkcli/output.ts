/**
 * zkCli's two PrintStreams. Every line keeps which stream it went to (ZooKeeper 3.8: errors and
 * `Created …` go to stderr, data to stdout). `print` without a newline is held back and glued to
 * the next text on the same stream, as Java's buffered System.out does (setAcl -R's quirk, §1.3).
 */
export type Stream = 'stdout' | 'stderr';

export interface OutputLine {
  stream: Stream;
  text: string;
}

export class Output {
  readonly lines: OutputLine[] = [];
  /** Text printed without a newline; the terminal shows the next line of either stream after it. */
  private partial = '';

  /** `println(text)`; text may contain newlines (one OutputLine per line). */
  println(stream: Stream, text = ''): void {
    const full = this.partial + text;
    this.partial = '';
    for (const line of full.split('\n')) this.lines.push({ stream, text: line });
  }

  /** `print(text)` without a newline (ZooKeeper 3.8, setAcl -R: glued to the next output). */
  print(stream: Stream, text: string): void {
    const full = this.partial + text;
    const parts = full.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.lines.push({ stream, text: line });
  }

  /** Carry an unfinished line over from another Output (the console's partial line). */
  get pending(): string {
    return this.partial;
  }
  set pending(text: string) {
    this.partial = text;
  }

  out(text = ''): void {
    this.println('stdout', text);
  }

  err(text = ''): void {
    this.println('stderr', text);
  }

  /** Take the complete lines written so far (partial lines stay buffered). */
  take(): OutputLine[] {
    return this.lines.splice(0, this.lines.length);
  }

  /** Flush partial lines too (the JVM flushes at exit). */
  flush(): OutputLine[] {
    if (this.partial !== '') {
      this.lines.push({ stream: 'stdout', text: this.partial });
      this.partial = '';
    }
    return this.take();
  }
}
