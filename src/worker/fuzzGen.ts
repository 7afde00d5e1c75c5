/**
 * Command lines for the zkCli fuzz test (fuzz.test.ts): a grammar of every zkCli 3.8 command with
 * valid and invalid flags, paths, data, ACLs and versions, plus mutations (token and character
 * insert/delete/swap/replace) of a seed corpus — the recorded conformance transcripts.
 *
 * Everything comes from one seeded `Rng`, so a failing line is reproduced from its seed. Lines never
 * contain `\n` or `\r`: the console splits pasted text into one command per line (docs/architecture.md).
 */
import type { Rng } from '../sim/rng.ts';

export interface FuzzGenOptions {
  /** Hosts `connect` may name (the ensemble's servers, or anything for the standalone harness). */
  hosts: readonly string[];
  /** Upper bound for "large" data and "very long" paths, in characters. */
  maxLarge: number;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)] as T;
const chance = (rng: Rng, p: number): boolean => rng.next() < p;

/** Nodes the generated commands keep coming back to, so creates, sets and deletes meet each other. */
const LIVE_PATHS = [
  '/', '/a', '/a/b', '/a/b/c', '/a/c', '/b', '/fz', '/fz/x', '/fz/y', '/fz/x/deep', '/q', '/q/item-', '/e', '/e/child',
  '/seq-', '/c', '/c/kid', '/t', '/acl', '/acl/kid', '/w', '/zookeeper', '/zookeeper/config', '/zookeeper/quota',
  '/zookeeper/quota/a', '/zookeeper/quota/a/zookeeper_limits', '/héllo', '/日本', '/sp ace',
];

const ODD_PATHS = [
  'a', 'a/b', '.', '..', 'zookeeper', '//', '/a//b', '///', '/a/./b', '/a/../b', '/.', '/..', '/a/.', '/a/..', '/./a',
  '/a/', '/a/b/', '/fz/', '/zookeeper/', '""', "''", '"/a"', "'/a/b'", '"/sp ace"', '"/a', "'/b", '/a"', "/a'b",
  '/😀', '/a/ü', '/\u00e9\u0301', '/\u200b', '/a\u0001b', '/a\u0000', '/\u007f', '/a\u0085', '/\ud800', '/\ufffe', '/\uffff',
  '/\ue000', '/\uf8ff', '/\u001f', '/a\tb', '/a\u000bb', '/a\fb', '/a\u001bb', '-', '--', '-1', '-/a', '/-a', '/a b',
  '/zookeeper/quota/zookeeper_limits', '/zookeeper/config/x', '/%', '/a,b', '/a:b', '/}', '/\\', '/a*', '/?',
];

const WORDS = ['x', 'v1', 'hello', 'data', '1', '0', '-1', 'null', 'true', 'héllo', '日本語', '😀', 'a=b', 'a,b', 'k:v:w', '%s', '{}', '\\'];

const ODD_DATA = [
  '""', "''", '"hello world"', "'single quoted'", '"unterminated', "'unterminated", 'un"balanced', "it's", '"a"b', '" "',
  '"\u00e9\u00e8"', '"\ud83d\ude00 emoji"', '"\ud800"', '-x', '-s', '-v', '--', '-5', '-1.5e3', '"-w"', '"\u0001\u0002"',
  '"tab\tinside"', '\u0000', 'a\u0000b', 'é', '\u200b', '"x y z"', "'x \"y\" z'",
];

const VALID_ACLS = [
  'world:anyone:cdrwa', 'world:anyone:r', 'world:anyone:rw', 'world:anyone:cdrw', 'world:anyone:a', 'ip:127.0.0.1:cdrwa',
  'ip:127.0.0.1:r', 'ip:10.0.0.0/8:cdrwa', 'ip:127.0.0.0/24:r', 'digest:bob:NlmxR/4Dq2BGDfCqKf4pKOkmrSY=:cdrwa',
  'digest:alice:1yVXR3bFz5QyqfyrYf/qgzqKJvw=:r', 'auth::cdrwa', 'auth:bob:cdrwa', 'world:anyone:cdrwa,ip:127.0.0.1:a',
  'super:admin:cdrwa', 'ip:127.0.0.1:cdrwa,world:anyone:r',
];

const BAD_ACLS = [
  'world', 'world:anyone', 'world:anyone:', 'world:anyone:xyz', 'world:anyone:cdrwaz', 'world:nobody:cdrwa', 'foo:bar:cdrwa',
  ':anyone:r', '::', ':::', ',', ',,world:anyone:r', 'ip:999.1.1.1:r', 'ip:abc:r', 'ip:127.0.0.1/99:r', 'digest:nohash:r',
  'digest::r', 'auth:', 'sasl:bob:r', 'x509:cn:r', 'world:anyone:R', 'world:anyone:CDRWA', 'World:anyone:r', '"world:anyone:r"',
  'world:any one:r', 'world:anyone:r,', 'ip:127.0.0.1', '%:%:%',
];

const VERSIONS = ['0', '1', '2', '-1', '-2', '5', '100', '2147483647', '2147483648', '-2147483648', '-2147483649', 'abc', '1.5', '0x10', '+1', '007', '١', '""', '-', '9999999999999'];
const TTLS = ['1', '100', '1000', '60000', '0', '-5', '1099511627775', '1099511627776', 'abc', '9223372036854775807', '9223372036854775808', '1e3', '-0'];
const BAD_FLAGS = ['-x', '-Z', '-', '--', '--long', '-sw', '-ws', '-sx', '-v=3', '-v3', '-vv', '-?', '-R', '-e', '-c', '-m', '-b', '-n', '-1', '-é'];
const AUTH_SCHEMES = ['digest', 'digest', 'digest', 'ip', 'foo', 'world', 'super', 'sasl', 'DIGEST', 'auth'];
const AUTH_VALUES = ['bob:secret', 'alice:pw', 'bob:', ':pw', 'nocolon', '', '""', 'super:secret', 'bob:secret:extra', 'é:ü'];
const UNKNOWN_COMMANDS = ['help', 'foo', 'LS', 'Get', 'exit', 'rmr', 'lsr', 'listquota2', 'getacl', 'addwatch', 'create_', '?', '#', 'lab', 'ls/'];

/** Every command of zkCli's usage block, with its weight. */
type Maker = (g: FuzzLineGenerator) => string;

export class FuzzLineGenerator {
  /** Lines generated so far that a later mutation may start from. */
  private readonly recent: string[] = [];

  constructor(private readonly rng: Rng, private readonly corpus: readonly string[], private readonly opts: FuzzGenOptions) {}

  /** One command line: mostly from the grammar, otherwise a mutated corpus or earlier line. */
  next(): string {
    const r = this.rng.next();
    let line: string;
    if (r < 0.62) line = this.grammarLine();
    else if (r < 0.92) line = this.mutate(this.corpusLine());
    else if (r < 0.97 && this.recent.length > 0) line = this.mutate(pick(this.rng, this.recent));
    else line = this.corpusLine();
    line = line.replace(/[\n\r]/g, ' ');
    if (this.recent.length < 500) this.recent.push(line);
    else this.recent[this.rng.int(0, this.recent.length - 1)] = line;
    return line;
  }

  private corpusLine(): string {
    const line = this.corpus.length > 0 ? pick(this.rng, this.corpus) : 'ls /';
    return line.replace(/^connect \S+/, () => 'connect ' + pick(this.rng, this.opts.hosts));
  }

  // ---------------------------------------------------------------------------------------------
  // pieces

  path(): string {
    const r = this.rng.next();
    if (r < 0.72) return pick(this.rng, LIVE_PATHS);
    if (r < 0.94) return pick(this.rng, ODD_PATHS);
    if (r < 0.97) return '/' + 'x'.repeat(this.rng.int(50, Math.max(60, this.opts.maxLarge)));
    if (r < 0.99) return '/d'.repeat(this.rng.int(2, 60));
    return '/' + this.randomText(this.rng.int(1, 12));
  }

  data(): string {
    const r = this.rng.next();
    if (r < 0.55) return pick(this.rng, WORDS);
    if (r < 0.85) return pick(this.rng, ODD_DATA);
    if (r < 0.95) return this.randomText(this.rng.int(1, 20)).replace(/[ \t\v\f"']/g, '_');
    return (chance(this.rng, 0.5) ? 'y' : 'é').repeat(this.rng.int(100, Math.max(100, this.opts.maxLarge)));
  }

  acl(): string {
    if (chance(this.rng, 0.55)) return pick(this.rng, VALID_ACLS);
    if (chance(this.rng, 0.9)) return pick(this.rng, BAD_ACLS);
    return this.randomText(this.rng.int(1, 10)).replace(/[ \t\v\f]/g, ':');
  }

  version(): string {
    return chance(this.rng, 0.6) ? String(this.rng.int(-2, 6)) : pick(this.rng, VERSIONS);
  }

  private ttl(): string {
    return pick(this.rng, TTLS);
  }

  /** A short string of anything but newlines: ASCII, quotes, control chars, BMP, astral and lone surrogates. */
  randomText(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) {
      const r = this.rng.next();
      if (r < 0.6) s += String.fromCharCode(this.rng.int(0x20, 0x7e));
      else if (r < 0.7) s += pick(this.rng, ['"', "'", ' ', '/', '-', '.', ':', ',']);
      else if (r < 0.78) s += String.fromCharCode(pick(this.rng, [0, 1, 7, 8, 9, 11, 12, 27, 31, 127, 0x85, 0x9f]));
      else if (r < 0.92) s += String.fromCharCode(this.rng.int(0xa0, 0xd7ff));
      else if (r < 0.96) s += String.fromCodePoint(this.rng.int(0x10000, 0x1ffff));
      else s += String.fromCharCode(this.rng.int(0xd800, 0xffff));
    }
    return s.replace(/[\n\r]/g, ' ');
  }

  /** Flags in random order, some valid, sometimes an invalid one mixed in. */
  private flags(valid: readonly (string | (() => string))[], pValid = 0.35): string[] {
    const out: string[] = [];
    for (const f of valid) if (chance(this.rng, pValid)) out.push(typeof f === 'string' ? f : f());
    if (chance(this.rng, 0.08)) out.push(pick(this.rng, BAD_FLAGS));
    // commons-cli lets options come after the path too; shuffle a little
    if (out.length > 1 && chance(this.rng, 0.3)) out.reverse();
    return out;
  }

  /** Join the command with its parts; options sometimes move after the positional arguments. */
  private cmd(name: string, flags: string[], positional: string[]): string {
    const parts = chance(this.rng, 0.2) ? [name, ...positional, ...flags] : [name, ...flags, ...positional];
    const sep = chance(this.rng, 0.05) ? pick(this.rng, ['  ', '\t', ' \u000b ', '\f']) : ' ';
    let line = parts.join(sep);
    if (chance(this.rng, 0.03)) line = ' ' + line;
    if (chance(this.rng, 0.03)) line = line + pick(this.rng, [' ', '\t', '  ']);
    return line;
  }

  private grammarLine(): string {
    const makers: Array<[number, Maker]> = [
      [14, (g) => g.cmd('create', g.flags(['-s', '-e', '-c', () => '-t ' + g.ttl()], 0.2), g.upTo([g.path(), g.data(), g.acl()], [0.03, 0.25, 0.6, 0.12]))],
      [9, (g) => g.cmd('ls', g.flags(['-s', '-w', '-R']), g.upTo([g.path(), 'watch'], [0.05, 0.88, 0.07]))],
      [9, (g) => g.cmd('get', g.flags(['-s', '-w']), g.upTo([g.path(), 'watch'], [0.05, 0.88, 0.07]))],
      [8, (g) => g.cmd('set', g.flags(['-s', () => '-v ' + g.version()]), g.upTo([g.path(), g.data()], [0.04, 0.06, 0.9]))],
      [6, (g) => g.cmd('delete', g.flags([() => '-v ' + g.version()]), g.upTo([g.path(), g.version()], [0.04, 0.88, 0.08]))],
      [2, (g) => g.cmd('deleteall', g.flags([() => '-b ' + pick(g.rng, ['1', '2', '1000', '0', '-1', 'x', ''])], 0.2), g.upTo([g.path()], [0.05, 0.95]))],
      [6, (g) => g.cmd('stat', g.flags(['-w']), g.upTo([g.path(), 'watch'], [0.05, 0.88, 0.07]))],
      [4, (g) => g.cmd('getAcl', g.flags(['-s']), g.upTo([g.path()], [0.05, 0.95]))],
      [5, (g) => g.cmd('setAcl', g.flags(['-s', () => '-v ' + g.version(), '-R'], 0.25), g.upTo([g.path(), g.acl()], [0.03, 0.07, 0.9]))],
      [2, (g) => g.cmd('sync', [], g.upTo([g.path()], [0.05, 0.95]))],
      [2, (g) => g.cmd('addauth', [], g.upTo([pick(g.rng, AUTH_SCHEMES), pick(g.rng, AUTH_VALUES)], [0.05, 0.1, 0.85]))],
      [3, (g) => g.cmd('addWatch', chance(g.rng, 0.5) ? ['-m', pick(g.rng, ['PERSISTENT', 'PERSISTENT_RECURSIVE', 'persistent', 'Persistent_Recursive', 'ONESHOT', ''])] : g.flags([]), g.upTo([g.path(), 'extra'], [0.05, 0.9, 0.05]))],
      [3, (g) => g.cmd('removewatches', g.flags(['-c', '-d', '-a', '-l'], 0.25), g.upTo([g.path()], [0.05, 0.95]))],
      [2, (g) => g.cmd('getEphemerals', [], g.upTo([g.path()], [0.3, 0.7]))],
      [2, (g) => g.cmd('getAllChildrenNumber', [], g.upTo([g.path()], [0.05, 0.95]))],
      [2, (g) => g.cmd('whoami', [], g.upTo(['extra'], [0.95, 0.05]))],
      [1, (g) => g.cmd('version', [], g.upTo(['extra'], [0.9, 0.1]))],
      [2, (g) => g.cmd('history', [], [])],
      [2, (g) => g.cmd('redo', [], g.upTo([pick(g.rng, [String(g.rng.int(0, 40)), String(g.rng.int(0, 3)), '-1', '99999', '0x1', '#2', '010', 'abc', '', '2147483648'])], [0.05, 0.95]))],
      [2, (g) => g.cmd('printwatches', [], g.upTo([pick(g.rng, ['on', 'on', 'off', 'ON', 'x', ''])], [0.2, 0.8]))],
      [2, (g) => g.cmd('config', g.flags(['-c', '-w', '-s']), chance(g.rng, 0.05) ? ['extra'] : [])],
      [1, (g) => g.reconfigLine()],
      [3, (g) => g.cmd('setquota', g.flags([() => '-n ' + g.quotaValue(), () => '-b ' + g.quotaValue(), () => '-N ' + g.quotaValue(), () => '-B ' + g.quotaValue()], 0.35), g.upTo([g.path()], [0.05, 0.95]))],
      [2, (g) => g.cmd('listquota', [], g.upTo([g.path()], [0.05, 0.95]))],
      [2, (g) => g.cmd('delquota', g.flags(['-n', '-b', '-N', '-B'], 0.2), g.upTo([g.path()], [0.05, 0.95]))],
      [0.4, (g) => g.cmd('close', [], [])],
      [0.6, (g) => g.cmd('connect', [], g.upTo([pick(g.rng, g.opts.hosts)], [0.2, 0.8]))],
      [0.08, (g) => g.cmd('quit', [], [])],
      [1.5, (g) => g.cmd(pick(g.rng, UNKNOWN_COMMANDS), [], g.upTo([g.path()], [0.5, 0.5]))],
      [0.5, (g) => pick(g.rng, ['', ' ', '\t', '"', "'", '""', "''", '"\'', '  "  ', '\u000b', '\u0000'])],
      [0.5, (g) => g.randomText(g.rng.int(1, 30))],
    ];
    let total = 0;
    for (const [w] of makers) total += w;
    let x = this.rng.next() * total;
    for (const [w, make] of makers) {
      x -= w;
      if (x < 0) return make(this);
    }
    return 'ls /';
  }

  /** The first k of `parts`, k drawn with the given weights (k = 0 … parts.length). */
  private upTo(parts: string[], weights: number[]): string[] {
    let x = this.rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < weights.length; k++) {
      x -= weights[k] as number;
      if (x < 0) return parts.slice(0, k);
    }
    return parts;
  }

  private quotaValue(): string {
    return pick(this.rng, ['1', '2', '10', '100', '0', '-1', 'abc', '2147483648', '9223372036854775807', '']);
  }

  private reconfigLine(): string {
    const opts: string[] = [];
    if (chance(this.rng, 0.3)) opts.push('-s');
    if (chance(this.rng, 0.3)) opts.push('-v', pick(this.rng, ['0', '100000000', 'abc', '-1', 'ff']));
    const r = this.rng.next();
    if (r < 0.25) opts.push('-add', pick(this.rng, ['server.4=zk4:2888:3888;2181', '4=x', '']));
    else if (r < 0.45) opts.push('-remove', pick(this.rng, ['3', '2,3', 'x']));
    else if (r < 0.6) opts.push('-members', pick(this.rng, ['server.1=zk1:2888:3888;2181', 'x']));
    else if (r < 0.7) opts.push('-file', pick(this.rng, ['/tmp/zoo.cfg', 'x']));
    else if (r < 0.8) opts.push('-members', 'a', '-add', 'b');
    return ['reconfig', ...opts].join(' ');
  }

  // ---------------------------------------------------------------------------------------------
  // mutations

  private tokenPool(): string {
    const r = this.rng.next();
    if (r < 0.25) return this.path();
    if (r < 0.45) return this.data();
    if (r < 0.55) return this.acl();
    if (r < 0.65) return this.version();
    if (r < 0.8) return pick(this.rng, [...BAD_FLAGS, '-s', '-w', '-v', '-e', '-t', '-c', '-R', '-b', '-m', '-n']);
    if (r < 0.9) return pick(this.rng, ['create', 'ls', 'get', 'set', 'delete', 'stat', 'redo', 'history', 'setAcl', 'getAcl', 'addWatch']);
    return this.randomText(this.rng.int(1, 6));
  }

  /** 1–4 token or character mutations of `line`. */
  mutate(line: string): string {
    let s = line;
    const n = this.rng.int(1, 4);
    for (let i = 0; i < n; i++) {
      const tokens = s.split(' ');
      const ti = this.rng.int(0, Math.max(0, tokens.length - 1));
      switch (this.rng.int(0, 9)) {
        case 0: // insert a token
          tokens.splice(this.rng.int(0, tokens.length), 0, this.tokenPool());
          s = tokens.join(' ');
          break;
        case 1: // delete a token
          if (tokens.length > 1) tokens.splice(ti, 1);
          s = tokens.join(' ');
          break;
        case 2: { // swap two tokens
          const tj = this.rng.int(0, tokens.length - 1);
          [tokens[ti], tokens[tj]] = [tokens[tj] as string, tokens[ti] as string];
          s = tokens.join(' ');
          break;
        }
        case 3: // replace a token
          tokens[ti] = this.tokenPool();
          s = tokens.join(' ');
          break;
        case 4: // duplicate a token
          tokens.splice(ti, 0, tokens[ti] as string);
          s = tokens.join(' ');
          break;
        case 5: { // insert a character
          const at = this.rng.int(0, s.length);
          s = s.slice(0, at) + this.randomText(1) + s.slice(at);
          break;
        }
        case 6: { // delete a character
          if (s.length === 0) break;
          const at = this.rng.int(0, s.length - 1);
          s = s.slice(0, at) + s.slice(at + 1);
          break;
        }
        case 7: { // swap adjacent characters
          if (s.length < 2) break;
          const at = this.rng.int(0, s.length - 2);
          s = s.slice(0, at) + s.charAt(at + 1) + s.charAt(at) + s.slice(at + 2);
          break;
        }
        case 8: { // replace a character
          if (s.length === 0) break;
          const at = this.rng.int(0, s.length - 1);
          s = s.slice(0, at) + this.randomText(1) + s.slice(at + 1);
          break;
        }
        default: { // quote or unquote a token
          const t = tokens[ti] as string;
          tokens[ti] = /^["'].*["']$/.test(t) ? t.slice(1, -1) : pick(this.rng, ['"', "'"]) + t + (chance(this.rng, 0.7) ? '"' : '');
          s = tokens.join(' ');
        }
      }
    }
    return s;
  }
}
