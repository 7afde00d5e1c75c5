/**
 * The light part of export and import, kept apart from ./traceFile.ts (its zod schema) and
 * ./shiviz.ts so the page's first load carries neither: they load when a file is exported or
 * opened (./exportRun.ts).
 */
import type { LabConfig } from '../protocol/config.ts';

/** The largest trace file read (bytes). */
export const MAX_TRACE_FILE = 20_000_000;

/** A file name for a run's download: `zookeeper-lab-zookeeper-seed1-12.5s.json`. */
export function exportFileName(config: LabConfig, tMs: number, ext: string, kind = ''): string {
  const seed = String(config.seed).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 24);
  return `zookeeper-lab-${config.protocol}-seed${seed}-${(tMs / 1000).toFixed(1)}s${kind ? `-${kind}` : ''}.${ext}`;
}
