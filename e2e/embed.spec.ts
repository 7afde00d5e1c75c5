/**
 * Embed mode (issue 14 item 2): a host page — served by the test itself — frames `?embed`, drives
 * it through postMessage (pause, step, run a console line, play) and hears its replies, its
 * events and its role changes; garbage and messages from anyone but the parent are ignored.
 * Share offers the `<iframe>` snippet. Every wait is on the DOM or on messages, never on time.
 */
import { expect, test, type Page } from './helpers.ts';

const LAB = '/?voters=3&seed=4&embed&views=controls,ring,console,events';
const HOST = `<!doctype html>
<html><head><title>A course page</title></head><body>
<h1>Leader election, live</h1>
<iframe id="lab" src="${LAB.replace(/&/g, '&amp;')}" width="960" height="540" title="ZooKeeper Lab"></iframe>
<script>
  window.received = [];
  const lab = document.getElementById('lab');
  window.addEventListener('message', (e) => { if (e.source === lab.contentWindow) window.received.push(e.data); });
  window.send = (msg) => lab.contentWindow.postMessage(msg, location.origin);
</script>
</body></html>`;

type Msg = Record<string, unknown> & { type: string };
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Msg[] }).received);
const send = (page: Page, msg: unknown) => page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), msg);

/** Sends a command and resolves with its reply. */
async function command(page: Page, msg: Record<string, unknown>): Promise<Msg> {
  await send(page, { type: 'lab-command', ...msg });
  let reply: Msg | undefined;
  await expect
    .poll(async () => {
      reply = (await received(page)).find((m) => m.type === 'lab-reply' && m.id === msg.id);
      return reply !== undefined;
    }, { message: `a reply to ${JSON.stringify(msg)}` })
    .toBe(true);
  return reply!;
}

test('a course page frames the lab and drives it with postMessage: pause, step, run ls /, play; events and roles come out', async ({ page }) => {
  await page.route('**/course-page.html', (route) => route.fulfill({ contentType: 'text/html', body: HOST }));
  await page.goto('/course-page.html');
  const frame = page.frameLocator('#lab');

  // lab-ready: the API's version, the protocol and its processes, the views shown.
  await expect.poll(async () => (await received(page)).find((m) => m.type === 'lab-ready')).toEqual({
    type: 'lab-ready', api: 1, protocol: 'zookeeper', processes: ['zk1', 'zk2', 'zk3'], views: ['controls', 'ring', 'events', 'console'],
  });
  // The chosen views, sized to the frame, without the page's header.
  await expect(frame.locator('.topbar')).toHaveCount(0);
  await expect(frame.locator('[data-server]')).toHaveCount(3);
  await expect(frame.getByRole('log', { name: 'zkCli output' })).toBeVisible();
  await expect(frame.locator('[data-embed-view="ring"]')).toBeVisible();
  const box = await frame.locator('.embed').boundingBox();
  const frameBox = await page.locator('#lab').boundingBox();
  expect(Math.abs(box!.width - frameBox!.width)).toBeLessThan(8);
  expect(Math.abs(box!.height - frameBox!.height)).toBeLessThan(8);

  expect(await command(page, { command: 'pause', id: 1 })).toEqual({ type: 'lab-reply', id: 1, command: 'pause', ok: true });
  await expect(frame.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const clock = frame.getByTestId('sim-time');
  const before = await clock.textContent();
  expect(await command(page, { command: 'step', id: 2, n: 3 })).toMatchObject({ ok: true });
  await expect(clock).not.toHaveText(before!);

  // A console line: its output comes back (and shows in the frame's console).
  // (Paused, the lab advances simulated time for the reply and says so, as in its console.)
  const ls = await command(page, { command: 'run', id: 'ls', line: 'ls /' });
  expect(ls).toMatchObject({ type: 'lab-reply', id: 'ls', command: 'run', ok: true });
  // (If the session connects while the line runs, zkCli's WATCHER block comes first, as it prints it.)
  expect(ls.output as string[]).toContain('[zookeeper]');
  await expect(frame.getByRole('log', { name: 'zkCli output' })).toContainText('ls /');
  const status = await command(page, { command: 'run', id: 'st', line: 'lab status' });
  const leader = (status.output as string[]).find((l) => l.includes('LEADING'))!.split(/\s+/)[0];

  expect(await command(page, { command: 'play', id: 3 })).toMatchObject({ ok: true });
  await expect(frame.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();

  // Events out, from the run's first: sentences of the event log and role changes, in order.
  await expect
    .poll(async () => (await received(page)).some((m) => m.type === 'lab-event' && m.kind === 'role' && m.role === 'LEADING' && m.process === leader))
    .toBe(true);
  const events = (await received(page)).filter((m) => m.type === 'lab-event');
  expect(events.some((m) => m.kind === 'log' && m.text === `${leader} becomes LEADING` && m.category === 'role')).toBe(true);
  const indices = events.filter((m) => 'index' in m).map((m) => m.index as number);
  expect(indices).toEqual([...indices].sort((a, b) => a - b));
});

test('garbage, bad commands and messages from anyone but the parent are never run', async ({ page }) => {
  await page.route('**/course-page.html', (route) => route.fulfill({ contentType: 'text/html', body: HOST }));
  await page.goto('/course-page.html');
  const frame = page.frameLocator('#lab');
  await expect.poll(async () => (await received(page)).some((m) => m.type === 'lab-ready')).toBe(true);

  // Not commands at all: ignored, no reply.
  for (const garbage of ['play', 42, null, [1, 2], { command: 'pause' }, { type: 'lab-reply', id: 'x' }]) await send(page, garbage);
  // Commands that fail their checks: an error reply each, nothing done.
  expect(await command(page, { command: 'eval', id: 'e', code: 'window.__pwned = 1' })).toMatchObject({ ok: false, error: expect.stringContaining('unknown command') });
  expect(await command(page, { command: 'run', id: 'two', line: 'lab kill 1\nlab kill 2' })).toMatchObject({ ok: false });
  expect(await command(page, { command: 'step', id: 'many', n: 1e9 })).toMatchObject({ ok: false });
  // The frame talking to itself is not its parent.
  await frame.locator('body').evaluate(() => window.postMessage({ type: 'lab-command', command: 'run', id: 'self', line: 'lab kill 1' }, '*'));
  expect(await command(page, { command: 'run', id: 'status', line: 'lab status' })).toMatchObject({ ok: true });
  const replies = (await received(page)).filter((m) => m.type === 'lab-reply').map((m) => m.id);
  expect(replies).toEqual(['e', 'two', 'many', 'status']);
  await expect(frame.locator('[data-server="1"]')).not.toHaveAttribute('data-state', 'DOWN');
  expect(await frame.locator('body').evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('Share offers the iframe snippet of this run, which opens the embed', async ({ page }) => {
  await page.goto('/?voters=3&seed=4');
  await page.locator('.share-run summary').click();
  const snippet = page.locator('[data-share-embed]');
  await expect(snippet).toHaveValue(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?voters=3&amp;seed=4&amp;run=[A-Za-z0-9_-]+&amp;embed&amp;views=controls,ring,console" title="ZooKeeper Lab" width="800" height="450" loading="lazy" allow="clipboard-write"><\/iframe>$/);
  const src = /src="([^"]*)"/.exec(await snippet.inputValue())![1]!.replace(/&amp;/g, '&');
  await page.goto(src);
  await expect(page.locator('.embed')).toBeVisible();
  await expect(page.locator('.topbar')).toHaveCount(0);
  await expect(page.locator('[data-server]')).toHaveCount(3);
});
