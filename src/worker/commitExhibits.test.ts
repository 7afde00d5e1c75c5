/**
 * Every 2PC and 3PC exhibit (src/protocol/commit/presets.ts through the registry): run with
 * `lab preset` on the lab its params name. A bug switch's exhibit turns its invariant red with the
 * switch on and keeps every invariant green without it; 3PC's partition preset turns Atomicity red
 * in the correct protocol; every other preset stays green.
 */
import { expect, test } from 'vitest';
import { protocolById } from '../protocol/registry.ts';
import { ScriptRunner } from './datadriven.ts';

async function play(params: Record<string, string>, name: string, bug: string | null): Promise<string[]> {
  const runner = new ScriptRunner();
  const settings = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
  expect(await runner.run(`new ${settings}${bug ? ` bugs=${bug}` : ''}`)).toBe('ok');
  const out = await runner.run(`preset ${name}`);
  expect(out).not.toMatch(/usage|unknown|error/i);
  const found = runner.violations().flat().map((v) => v.invariant);
  runner.lab!.dispose();
  return [...new Set(found)];
}

for (const id of ['2pc', '3pc'] as const) {
  test(`${id}: every exhibit turns red exactly what it says, and only with its switch`, async () => {
    for (const ex of protocolById(id).exhibits) {
      if (ex.bug) {
        expect(await play(ex.params, ex.name, ex.bug), `${id} ${ex.name} on`).toContain(ex.invariant);
        expect(await play(ex.params, ex.name, null), `${id} ${ex.name} off`).toEqual([]);
      } else {
        expect(await play(ex.params, ex.name, null), `${id} ${ex.name}`).toEqual(ex.invariant ? [ex.invariant] : []);
      }
    }
  });
}
