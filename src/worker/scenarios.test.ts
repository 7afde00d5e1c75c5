/**
 * Runs every scenario script in src/protocol/scenarios/testdata/*.txt and compares each block's
 * output with its golden text. REWRITE=1 rewrites the files from what the lab prints.
 * Invariant checkers run after every event of every script (every protocol's, in every lab a script
 * opens); a violation fails the test unless the script's golden output shows it (`invariants` or
 * `check`) — the bug-museum scripts expect theirs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseScript, ScriptRunner } from './datadriven.ts';

const dir = join(import.meta.dirname, '../protocol/scenarios/testdata');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('scenario scripts', () => {
  for (const file of files) {
    test(file, async () => {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const { blocks } = parseScript(text);
      const runner = new ScriptRunner();
      const actual: string[] = [];
      for (const b of blocks) actual.push(await runner.run(b.command));
      if (process.env.REWRITE) {
        // Rewrite block by block, keeping comments and spacing.
        const lines = text.replace(/\r\n/g, '\n').split('\n');
        const result: string[] = [];
        let bi = 0;
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!;
          result.push(line);
          if (bi < blocks.length && i + 1 === blocks[bi]!.line) {
            result.push('----');
            i += 2;
            while (i < lines.length && lines[i] !== '') i++;
            result.push(...actual[bi]!.split('\n'));
            result.push('');
            bi++;
          }
        }
        writeFileSync(path, result.join('\n').replace(/\n{3,}/g, '\n\n'));
        return;
      }
      for (let i = 0; i < blocks.length; i++) {
        expect(actual[i], `${file}:${blocks[i]!.line} ${blocks[i]!.command}`).toBe(blocks[i]!.expected);
      }
      // Checkers ran after every event of every lab the script opened: a violation is allowed only
      // where that lab's golden output shows it (`invariants` prints `NAME BROKEN …`, `check` `VIOLATION NAME …`).
      const perLab: string[][] = [];
      for (const b of blocks) {
        if (b.command.startsWith('new ')) perLab.push([]);
        perLab.at(-1)?.push(...b.expected.split('\n'));
      }
      runner.violations().forEach((found, lab) => {
        for (const v of found) {
          const seen = (perLab[lab] ?? []).some((l) => l.startsWith(`${v.invariant} BROKEN`) || l.startsWith(`VIOLATION ${v.invariant} `));
          expect(seen, `${file} (lab ${lab + 1}): ${v.invariant} broke at ${v.t} ms (${v.message}) and no block shows it`).toBe(true);
        }
      });
    });
  }
});
