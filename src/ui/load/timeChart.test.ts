import { describe, expect, test } from 'vitest';
import { timeChartSvg } from './timeChart.ts';

/** The x axis's labels, in order. */
function xLabels(svg: string): string[] {
  return [...svg.matchAll(/text-anchor="middle" fill="currentColor">([^<]*)</g)].map((m) => m[1]!);
}

describe('the Load panel\'s time chart', () => {
  test('a window of about a second labels its ticks with decimals, never the same label twice', () => {
    const svg = timeChartSvg([{ name: 'zk1', colour: '#000', points: [[15_800, 1], [16_900, 3]] }], { title: 'Requests', unit: 'per s' });
    const labels = xLabels(svg);
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toMatch(/^\d+\.\d+s$/);
  });

  test('a window of a minute labels whole seconds', () => {
    const svg = timeChartSvg([{ name: 'zk1', colour: '#000', points: [[0, 1], [60_000, 3]] }], { title: 'Requests', unit: 'per s' });
    expect(xLabels(svg)).toEqual(['0s', '10s', '20s', '30s', '40s', '50s', '60s']);
  });

  test('names are escaped: a series name is text, never markup', () => {
    const svg = timeChartSvg([{ name: '<b>x</b>', colour: '#000', points: [[0, 1]] }], { title: 'T', unit: 'u' });
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });
});
