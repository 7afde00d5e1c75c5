/**
 * Every recorded zkCli transcript (src/cli/testdata/conformance, from a real 3.8.0 ensemble),
 * replayed through the console layer on a fresh simulated 3-voter ensemble: zkCli → LabZkClient →
 * client packets → zk1 → ZAB → back. Every line must match except what the conformance README
 * allows to differ. A transcript's `#lab k=v …` header line gives the ensemble settings it was
 * recorded with (e.g. superDigest), as the lab's URL would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTranscript, formatMismatches, runMarkedScript, scriptLinesOf, splitLines, transcriptHeader, type CliRunner } from '../cli/zkcli/conformance.ts';
import { parseLabConfig } from '../protocol/config.ts';
import { ZkCli } from '../cli/zkcli/ZkCli.ts';
import { HeadlessLab } from './headless.ts';
import { LabZkClient } from './labZkClient.ts';

const dir = join(import.meta.dirname, '../cli/testdata/conformance');
const names = readdirSync(dir).filter((f) => f.endsWith('.zk')).sort();

async function ensembleRunner(settings: Array<[string, string]> = []): Promise<CliRunner> {
  const { config, errors } = parseLabConfig([['voters', '3'], ['seed', '1'], ...settings]);
  if (errors.length > 0) throw new Error(`bad #lab settings: ${errors.join('; ')}`);
  const lab = new HeadlessLab(config);
  await lab.runtime.runFor(3000);
  const client = new LabZkClient(lab.runtime, { drive: () => true });
  const cli = new ZkCli({ server: 'zk1:2181', jline: false });
  return {
    startup: () => cli.startup(client),
    execute: (line) => cli.execute(line.replace(/127\.0\.0\.1:33001/g, 'zk1:2181'), client),
    drain: () => cli.takeAsyncOutput(),
  };
}

/**
 * The recording ensemble's members were 127.0.0.1:3310N:3320N; the lab's are zkN:2888:3888. The
 * /zookeeper/config text (and so its dataLength) differs by exactly that; nothing else is touched.
 */
function labAddresses(lines: string[]): string[] {
  const cfg = (l: string) => l.replace(/^server\.(\d+)=127\.0\.0\.1:331\d\d:332\d\d:/, 'server.$1=zk$1:2888:3888:');
  const out = lines.map(cfg);
  const recorded = lines.filter((l) => /^server\.\d+=127\.0\.0\.1:/.test(l));
  if (recorded.length === 0) return out;
  // config -s: dataLength of the config text (the server lines of one `config` block, plus version=0).
  const members = new Set(recorded);
  const block = [...members, 'version=0'];
  const recordedLength = new TextEncoder().encode(block.join('\n')).length;
  const labLength = new TextEncoder().encode(block.map(cfg).join('\n')).length;
  return out.map((l) => (l === `dataLength = ${recordedLength}` ? `dataLength = ${labLength}` : l));
}

describe('zkCli transcripts against the simulated ensemble', () => {
  for (const name of names) {
    const outFile = join(dir, name.replace(/\.zk$/, '.out'));
    it.skipIf(!existsSync(outFile))(name, async () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const script = scriptLinesOf(text);
      const expected = labAddresses(splitLines(readFileSync(outFile, 'utf8')));
      const actual = await runMarkedScript(script, await ensembleRunner(transcriptHeader(text).settings));
      const ms = compareTranscript(script, expected, actual);
      expect(ms, formatMismatches(name, ms)).toEqual([]);
    });
  }
});
