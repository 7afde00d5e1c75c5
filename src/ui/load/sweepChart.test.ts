/**
 * The README's picture of the sweep (docs/sweep.svg): 3 voters, 5 voters and 3 voters + 2
 * observers, 0–100 % reads in steps of 10, drawn by the Load panel's own chart function.
 * WRITE_SWEEP_SVG=1 rewrites it; otherwise the committed picture must be what the lab draws now.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULT_LAB_CONFIG } from '../../protocol/config.ts';
import { runSweep } from '../../worker/sweep.ts';
import { sweepSim } from '../../worker/runtime.ts';
import { sweepChartSvg } from './sweepChart.ts';

const file = join(import.meta.dirname, '../../../docs/sweep.svg');

test('docs/sweep.svg is the sweep of 3, 5 and 3 + 2 observers as the lab draws it', () => {
  const shares = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  const results = [[3, 0], [5, 0], [3, 2]].map(([voters, observers]) => runSweep({ ...DEFAULT_LAB_CONFIG, voters: voters!, observers: observers! }, shares, sweepSim));
  const svg = sweepChartSvg(results, { title: 'lab sweep reads=0..100 step=10: saturated throughput against the share of reads' });
  expect(svg).toContain('data-series="3 voters + 2 observers"');
  if (process.env.WRITE_SWEEP_SVG || !existsSync(file)) writeFileSync(file, svg);
  expect(readFileSync(file, 'utf8')).toBe(svg);
}, 120_000);
