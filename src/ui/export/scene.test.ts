/** Scenes as SVG: standalone (inline attributes, no stylesheet, no classes), text as escaped text, clips per group. */
import { describe, expect, test } from 'vitest';
import { escapeXml, sceneToSvg, type Scene } from './scene.ts';
import { frameTimes, MAX_FRAMES } from './video.ts';

const hostile = '<img src=x onerror="alert(1)"> & \'q\' \u0007';

describe('scene SVG', () => {
  test('text is escaped text, colours and fonts are attributes, groups clip', () => {
    const scene: Scene = {
      width: 200, height: 100, background: '#ffffff', title: hostile,
      items: [
        { kind: 'line', x1: 0, y1: 0, x2: 10, y2: 10, stroke: 'rgb(1,2,3)', width: 1.25, dash: [4, 4] },
        { kind: 'group', clip: { x: 5, y: 5, w: 50, h: 20, r: 4 }, items: [
          { kind: 'rect', x: 5, y: 5, w: 50, h: 20, r: 4, fill: '#eee', stroke: '#123', strokeWidth: 1.5, dash: [5, 3] },
          { kind: 'text', x: 8, y: 15, text: hostile, size: 11, colour: '#000', family: "ui-monospace, \"SF Mono\"", weight: 700 },
        ] },
        { kind: 'poly', points: [0, 0, 5, 5, 0, 5], fill: 'red' },
      ],
    };
    const svg = sceneToSvg(scene);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">')).toBe(true);
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &apos;q&apos; </text>');
    expect(svg).toContain('<title>&lt;img');
    expect(svg).toContain('font-family="ui-monospace, &quot;SF Mono&quot;"');
    expect(svg).toContain('stroke-dasharray="4 4"');
    expect(svg).toContain('<clipPath id="clip0"><rect x="5" y="5" width="50" height="20" rx="4" ry="4"/></clipPath><g clip-path="url(#clip0)">');
    expect(svg).not.toMatch(/class=|<style/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  test('escapeXml', () => {
    expect(escapeXml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
  });
});

describe('video frames', () => {
  test('a frame every 1000/fps × speed simulated ms, both ends included, capped', () => {
    expect(frameTimes(900, 1080, 30, 0.25)).toHaveLength(22);
    expect(frameTimes(0, 100, 10, 1)).toEqual([0, 100]);
    expect(frameTimes(0, 1000, 30, 1).at(-1)).toBeCloseTo(1000, 6);
    expect(frameTimes(5, 4, 30, 1)).toEqual([]);
    expect(frameTimes(0, 3_600_000, 30, 1)).toHaveLength(MAX_FRAMES);
  });
});
