/**
 * zkCli (ZK/ZooKeeperMain) as a transport-agnostic object: history, command count, printwatches
 * and the connection it drives through a `ZkClient`. `execute(line)` returns what zkCli prints for
 * that line, each line tagged stdout/stderr (ZooKeeper 3.8).
 *
 * Watch events reach zkCli's default watcher (MyWatcher) whenever the client delivers them. During
 * a command they are printed among its output in arrival order; between commands they go to
 * `onAsyncOutput` (or wait in `takeAsyncOutput()`).
 */
import { CliException, COMMAND_MAP, COMMAND_MAP_CLI, decodeUncaught, DEFAULT_CLI_VERSION, JavaException, usageLines, type CommandContext } from './commands.ts';
import { Output, type OutputLine } from './output.ts';
import { parseCommand } from './tokenizer.ts';
import { isAlive, watchedEventToString, type WatchedEvent, type ZkClient } from './ZkClient.ts';

export interface ZkCliOptions {
  /** `-server host:port` */
  server: string;
  /** With JLine zkCli prints a prompt and says `JLine support is enabled` (the lab's console). */
  jline?: boolean;
  /** What `version` prints after `ZooKeeper CLI version: `. */
  version?: string;
}

export class ZkCli {
  /** ZooKeeperMain.history */
  readonly history = new Map<number, string>();
  commandCount = 0;
  printWatches = true;
  host: string;
  /** true after `quit`, or after an uncaught exception killed the JVM (then `crashed` too) */
  exited = false;
  crashed = false;
  /** called with event output that arrives while no command runs */
  onAsyncOutput: ((lines: OutputLine[]) => void) | null = null;

  private readonly jline: boolean;
  private readonly version: string;
  private cmdArgs: string[] | null = null;
  private redoDepth = 0;
  /** text printed without a newline, waiting for the next line (Output.print) */
  private pendingText = '';
  private current: Output | null = null;
  private readonly asyncOut = new Output();
  private attached: ZkClient | null = null;

  constructor(opts: ZkCliOptions) {
    this.host = opts.server;
    this.jline = opts.jline ?? true;
    this.version = opts.version ?? DEFAULT_CLI_VERSION;
  }

  /** The prompt JLine shows: `[zk: zk1:2181(CONNECTED) 0] `. */
  prompt(client: ZkClient): string {
    return '[zk: ' + this.host + '(' + client.getState() + ') ' + this.commandCount + '] ';
  }

  /** MyWatcher.process: `printMessage("WATCHER::")` + `printMessage(event.toString())`. */
  formatEvent(e: WatchedEvent): OutputLine[] {
    if (!this.printWatches) return [];
    return [
      { stream: 'stdout', text: '' },
      { stream: 'stdout', text: 'WATCHER::' },
      { stream: 'stdout', text: '' },
      { stream: 'stdout', text: watchedEventToString(e) },
    ];
  }

  private attach(client: ZkClient): void {
    if (this.attached === client) return;
    this.attached = client;
    client.setDefaultWatcher((e) => {
      const lines = this.formatEvent(e);
      if (lines.length === 0) return;
      if (this.current) {
        for (const l of lines) this.current.println(l.stream, l.text);
      } else if (this.onAsyncOutput) {
        this.onAsyncOutput(lines);
      } else {
        for (const l of lines) this.asyncOut.println(l.stream, l.text);
      }
    });
  }

  /** Event output that arrived between commands and was not taken by `onAsyncOutput`. */
  takeAsyncOutput(): OutputLine[] {
    return this.asyncOut.take();
  }

  /**
   * What `zkCli.sh -server host` prints before the first command: `Connecting to …`, then
   * `Welcome to ZooKeeper!` and the JLine line; the session's SyncConnected event follows.
   */
  async startup(client: ZkClient): Promise<OutputLine[]> {
    this.attach(client);
    const out = new Output();
    out.out('Connecting to ' + this.host);
    out.out('Welcome to ZooKeeper!');
    out.out('JLine support is ' + (this.jline ? 'enabled' : 'disabled'));
    const events = new Output();
    this.current = events;
    try {
      await client.connect(this.host);
    } finally {
      this.current = null;
    }
    return [...out.take(), ...events.take()];
  }

  /** ZooKeeperMain.executeLine. */
  async execute(line: string, client: ZkClient): Promise<OutputLine[]> {
    if (this.exited) return [];
    this.attach(client);
    const out = new Output();
    out.pending = this.pendingText;
    const previous = this.current;
    this.current = out;
    try {
      if (line !== '') {
        const parsed = parseCommand(line);
        if (parsed !== null) this.cmdArgs = parsed; // no match: zkCli reuses the previous arguments
        this.history.set(this.commandCount, line);
        await this.processCmd(client, out);
        this.commandCount++;
      }
    } finally {
      this.current = previous;
    }
    if (this.exited) return out.flush();
    this.pendingText = out.pending;
    out.pending = '';
    return out.take();
  }

  private async processCmd(client: ZkClient, out: Output): Promise<void> {
    try {
      await this.processZKCmd(client, out);
    } catch (e) {
      if (e instanceof CliException) out.err(e.message);
      else if (e instanceof JavaException && this.redoDepth === 0) this.crash(e, out);
      else {
        if (e instanceof JavaException) e.redoLevels++;
        throw e;
      }
    }
  }

  /** An uncaught exception: the stack trace on stderr, then the JVM exits (no Closed event). */
  private crash(e: JavaException, out: Output): void {
    out.err(e.toString());
    const frames = [...e.frames, 'org.apache.zookeeper.ZooKeeperMain.processZKCmd(ZooKeeperMain.java:' + e.mainLine + ')'];
    for (let i = 0; i < e.redoLevels; i++) {
      frames.push('org.apache.zookeeper.ZooKeeperMain.processCmd(ZooKeeperMain.java:367)');
      frames.push('org.apache.zookeeper.ZooKeeperMain.processZKCmd(ZooKeeperMain.java:406)');
    }
    frames.push(
      'org.apache.zookeeper.ZooKeeperMain.processCmd(ZooKeeperMain.java:367)',
      'org.apache.zookeeper.ZooKeeperMain.executeLine(ZooKeeperMain.java:359)',
      'org.apache.zookeeper.ZooKeeperMain.run(ZooKeeperMain.java:' + (this.jline ? 327 : 345) + ')',
      'org.apache.zookeeper.ZooKeeperMain.main(ZooKeeperMain.java:293)',
    );
    for (const f of frames) out.err('\tat ' + f);
    this.exited = true;
    this.crashed = true;
  }

  private usage(out: Output): void {
    for (const l of usageLines()) out.err(l);
  }

  private async processZKCmd(client: ZkClient, out: Output): Promise<void> {
    if (this.cmdArgs === null) {
      // no line has parsed yet (e.g. the first line is a lone quote): MyCommandOptions.cmdArgs is
      // still null and getArgArray() throws a NullPointerException (JDK 17's helpful message)
      throw new JavaException(
        'java.lang.NullPointerException',
        'Cannot invoke "java.util.List.toArray(Object[])" because "this.cmdArgs" is null',
        ['org.apache.zookeeper.ZooKeeperMain$MyCommandOptions.getArgArray(ZooKeeperMain.java:157)'],
        377,
      );
    }
    const args = [...this.cmdArgs];
    const cmd = args[0];
    if (cmd === undefined) {
      this.usage(out);
      throw new CliException('No command entered');
    }
    if (!COMMAND_MAP.has(cmd)) {
      this.usage(out);
      throw new CliException('Command not found: Command not found ' + cmd, 127);
    }
    if (cmd === 'quit') {
      await client.close();
      this.exited = true;
      return;
    } else if (cmd === 'redo' && args.length >= 2) {
      const i = decodeUncaught(args[1] as string);
      if (this.commandCount <= i || i < 0) throw new CliException('Command index out of range');
      const redone = this.history.get(i) ?? '';
      const parsed = parseCommand(redone);
      if (parsed !== null) this.cmdArgs = parsed;
      if (this.cmdArgs?.[0] === 'redo') throw new CliException('No redoing redos');
      this.history.set(this.commandCount, redone);
      this.redoDepth++;
      try {
        await this.processCmd(client, out);
      } finally {
        this.redoDepth--;
      }
    } else if (cmd === 'history') {
      for (let i = this.commandCount - 10; i <= this.commandCount; ++i) {
        if (i < 0) continue;
        out.out(i + ' - ' + (this.history.get(i) ?? 'null'));
      }
    } else if (cmd === 'printwatches') {
      if (args.length === 1) out.out('printwatches is ' + (this.printWatches ? 'on' : 'off'));
      else this.printWatches = args[1] === 'on';
    } else if (cmd === 'connect') {
      // connectToZK: close a live session, then open a new one (same host if none given)
      if (isAlive(client.getState())) await client.close();
      if (args.length >= 2) this.host = args[1] as string;
      await client.connect(this.host);
    }

    // Below commands all need a live connection
    if (!isAlive(client.getState())) {
      out.out('Not connected');
      return;
    }
    const cliCmd = COMMAND_MAP_CLI.get(cmd);
    if (cliCmd) {
      const ctx: CommandContext = { client, out, version: this.version };
      await cliCmd.run(args, ctx);
    }
  }
}

