import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTranscript, formatMismatches, runMarkedScript, scriptLinesOf, splitLines, transcriptHeader, type CliRunner } from './conformance.ts';
import { RECORDED_ENSEMBLE_CONFIG, StandaloneServer } from './standaloneClient.ts';
import { ZkCli } from './ZkCli.ts';

const here = resolve(__dirname);
const primary = join(here, '../testdata/conformance');
const fallback = resolve(here, '../../../../shared/conformance');

function transcriptDir(): string {
  const has = (d: string): boolean => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.zk'));
  return has(primary) ? primary : fallback;
}

/**
 * zkCli over the standalone harness, with extended types on (as the transcripts were recorded) and
 * the server settings of the transcript's `#lab` header that the harness has (superDigest).
 */
export function standaloneRunner(settings: Array<[string, string]> = []): CliRunner {
  const superDigest = settings.find(([k]) => k === 'superDigest')?.[1] ?? null;
  const server = new StandaloneServer({ extendedTypesEnabled: true, quorumConfig: RECORDED_ENSEMBLE_CONFIG, superDigest });
  const client = server.newClient();
  const cli = new ZkCli({ server: '127.0.0.1:33001', jline: false });
  return {
    startup: () => cli.startup(client),
    execute: (line) => cli.execute(line, client),
    drain: () => cli.takeAsyncOutput(),
  };
}

const dir = transcriptDir();
const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.zk')).sort() : [];

describe(`zkCli conformance (${dir})`, () => {
  it('has transcripts to replay', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    const outFile = join(dir, name.replace(/\.zk$/, '.out'));
    const text = readFileSync(join(dir, name), 'utf8');
    const header = transcriptHeader(text);
    // `#ensemble-only`: what the transcript shows needs an ensemble (servers that fail over)
    it.skipIf(!existsSync(outFile) || header.ensembleOnly !== null)(name, async () => {
      const script = scriptLinesOf(text);
      const expected = splitLines(readFileSync(outFile, 'utf8'));
      const actual = await runMarkedScript(script, standaloneRunner(header.settings));
      const ms = compareTranscript(script, expected, actual);
      expect(ms, formatMismatches(name, ms)).toEqual([]);
    });
  }
});
