/**
 * The part of Apache commons-cli 1.5 `DefaultParser` zkCli relies on (ZooKeeper 3.8: options
 * may come before or after the path). Only short options exist in zkCli (some are several
 * characters long, like reconfig's `-members`); concatenated flags (`-sw`), attached values
 * (`-v5`, `-v=5`), `--`, negative-number values and option groups behave as in commons-cli.
 *
 * A ParseException is reported the way zkCli prints it: `CliParseException(ParseException)` has
 * the message `cause.toString()`, e.g.
 * `org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x`.
 */
export interface OptionDef {
  opt: string;
  hasArg: boolean;
  description: string;
}

export interface OptionGroupDef {
  /** option names, in insertion order (OptionGroup keeps a LinkedHashMap) */
  options: string[];
  required: boolean;
}

export interface Options {
  options: OptionDef[];
  groups: OptionGroupDef[];
}

export function options(defs: [opt: string, hasArg: boolean, description: string][], groups: OptionGroupDef[] = []): Options {
  return { options: defs.map(([opt, hasArg, description]) => ({ opt, hasArg, description })), groups };
}

export class ParseException extends Error {
  constructor(readonly className: string, message: string) {
    super(message);
  }
  /** Throwable.toString() */
  override toString(): string {
    return 'org.apache.commons.cli.' + this.className + ': ' + this.message;
  }
}

export interface CommandLine {
  /** non-option arguments, the command name first (zkCli passes it along) */
  args: string[];
  hasOption(opt: string): boolean;
  getOptionValue(opt: string): string | null;
}

interface ParsedOption {
  def: OptionDef;
  values: string[];
}

function groupToString(o: Options, g: OptionGroupDef): string {
  const parts = g.options.map((name) => {
    const d = o.options.find((x) => x.opt === name);
    return '-' + name + (d && d.description !== null ? ' ' + d.description : '');
  });
  return '[' + parts.join(', ') + ']';
}

/** DefaultParser.parse(options, arguments) with stopAtNonOption = false. */
export function parseCli(o: Options, argv: readonly string[]): CommandLine {
  const byName = new Map(o.options.map((d) => [d.opt, d]));
  const hasShort = (name: string): boolean => byName.has(name);
  const args: string[] = [];
  const parsed: ParsedOption[] = [];
  const expected: (OptionDef | OptionGroupDef)[] = [...o.groups.filter((g) => g.required)];
  const selected = new Map<OptionGroupDef, string>();
  let current: ParsedOption | null = null;
  let skipParsing = false;

  const acceptsArg = (p: ParsedOption): boolean => p.def.hasArg && p.values.length < 1;
  const checkRequiredArgs = (): void => {
    if (current !== null && acceptsArg(current)) {
      throw new ParseException('MissingArgumentException', 'Missing argument for option: ' + current.def.opt);
    }
  };
  const handleOption = (def: OptionDef): void => {
    checkRequiredArgs();
    const group = o.groups.find((g) => g.options.includes(def.opt));
    if (group) {
      const i = expected.indexOf(group);
      if (i >= 0) expected.splice(i, 1);
      const sel = selected.get(group);
      if (sel !== undefined && sel !== def.opt) {
        throw new ParseException(
          'AlreadySelectedException',
          "The option '" + def.opt + "' was specified but an option from this group has already been selected: '" + sel + "'",
        );
      }
      selected.set(group, def.opt);
    }
    const p: ParsedOption = { def, values: [] };
    parsed.push(p);
    current = def.hasArg ? p : null;
  };
  const handleUnknownToken = (token: string): void => {
    if (token.startsWith('-') && token.length > 1) {
      throw new ParseException('UnrecognizedOptionException', 'Unrecognized option: ' + token);
    }
    args.push(token);
  };
  const isShortOption = (token: string): boolean => {
    if (!token.startsWith('-') || token.length === 1) return false;
    const pos = token.indexOf('=');
    const optName = pos === -1 ? token.substring(1) : token.substring(1, pos);
    if (hasShort(optName)) return true;
    return optName.length > 0 && hasShort(optName.charAt(0));
  };
  const isNegativeNumber = (token: string): boolean => /^-[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?[dDfF]?$/.test(token) || /^-[0-9]+\.$/.test(token);
  // no long options exist in zkCli's commands, so isLongOption is always false
  const isArgument = (token: string): boolean => !isShortOption(token) || isNegativeNumber(token);
  const addValue = (value: string): void => {
    const c = current as ParsedOption | null;
    if (c) c.values.push(value);
    current = null;
  };
  const handleConcatenatedOptions = (token: string): void => {
    for (let i = 1; i < token.length; i++) {
      const ch = token.charAt(i);
      const def = byName.get(ch);
      if (def) {
        handleOption(def);
        if (current !== null && token.length !== i + 1) {
          addValue(token.substring(i + 1));
          break;
        }
      } else {
        handleUnknownToken(token);
        break;
      }
    }
  };
  const handleShortAndLongOption = (token: string): void => {
    const t = token.replace(/^-{1,2}/, '');
    const pos = t.indexOf('=');
    if (t.length === 1) {
      const def = byName.get(t);
      if (def) handleOption(def);
      else handleUnknownToken(token);
    } else if (pos === -1) {
      const def = byName.get(t);
      if (def) handleOption(def);
      else handleConcatenatedOptions(token); // no long options and no Java-property options here
    } else {
      const opt = t.substring(0, pos);
      const value = t.substring(pos + 1);
      if (opt.length === 1) {
        const def = byName.get(opt);
        if (def && def.hasArg) {
          handleOption(def);
          addValue(value);
        } else {
          handleUnknownToken(token);
        }
      } else {
        // -L=V: handleLongOptionWithEqual finds no long option
        handleUnknownToken(token);
      }
    }
  };

  for (const token of argv) {
    if (skipParsing) {
      args.push(token);
    } else if (token === '--') {
      skipParsing = true;
    } else if (current !== null && acceptsArg(current) && isArgument(token)) {
      addValue(token);
    } else if (token.startsWith('--')) {
      handleUnknownToken(token); // handleLongOption: no long options
    } else if (token.startsWith('-') && token !== '-') {
      handleShortAndLongOption(token);
    } else {
      handleUnknownToken(token);
    }
    const c = current as ParsedOption | null;
    if (c !== null && !acceptsArg(c)) current = null;
  }
  checkRequiredArgs();
  if (expected.length > 0) {
    const names = expected.map((e) => ('options' in e ? groupToString(o, e) : e.opt));
    throw new ParseException('MissingOptionException', 'Missing required option' + (names.length === 1 ? '' : 's') + ': ' + names.join(', '));
  }
  return {
    args,
    hasOption: (opt) => parsed.some((p) => p.def.opt === opt),
    getOptionValue: (opt) => parsed.find((p) => p.def.opt === opt)?.values[0] ?? null,
  };
}
