/**
 * MyCommandOptions.parseCommand (ZooKeeper 3.8): tokens match
 * `\s*([^"']\S*|"[^"]*"|'[^']*')\s*` and one pair of outer quotes is removed.
 * Returns null when nothing matches (zkCli then keeps the previous command's arguments).
 */
// Java's \s is ASCII-only: [ \t\n\x0B\f\r] (\v is \x0B)
const ARGS_PATTERN = /[ \t\n\v\f\r]*([^"'][^ \t\n\v\f\r]*|"[^"]*"|'[^']*')[ \t\n\v\f\r]*/g;
const QUOTED_PATTERN = /^(['"])(.*)(\1)$/;

export function parseCommand(cmdstring: string): string[] | null {
  const args: string[] = [];
  ARGS_PATTERN.lastIndex = 0;
  for (;;) {
    const m = ARGS_PATTERN.exec(cmdstring);
    if (m === null) break;
    let value = m[1] ?? '';
    if (QUOTED_PATTERN.test(value)) value = value.substring(1, value.length - 1);
    args.push(value);
    if (m[0].length === 0) ARGS_PATTERN.lastIndex++;
  }
  return args.length === 0 ? null : args;
}
