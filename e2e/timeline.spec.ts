// The space-time diagram (issue 5 item 3) against the built site: a lane per server, filtering by
// packet type changes what is drawn, and hovering links it with the ring. Simulated time is driven
// through the console; every wait is on a DOM attribute, never on the wall clock.
// The suite's test: it fails on a Content-Security-Policy violation (./helpers.ts).
import { expect, test, type Page } from './helpers.ts';
import { run, server } from './helpers.ts';

test.beforeEach(({ page }) => {
  page.on('pageerror', (e) => {
    throw e;
  });
});

const diagram = (page: Page) => page.locator('.timeline-body');

async function drawn(page: Page): Promise<number> {
  return Number(await diagram(page).getAttribute('data-drawn'));
}

async function openDiagram(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await page.getByRole('button', { name: 'Space-time', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Space-time', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await run(page, 'lab pause');
  await run(page, 'lab run 3s');
}

test('a lane per server (clients on a toggle), and filtering by packet type changes what is drawn', async ({ page }) => {
  await openDiagram(page, 'voters=5&observers=1');
  await expect(page.getByRole('img', { name: /Space-time diagram: \d+ lanes/ })).toBeVisible();
  // 6 servers, and the console's client c1.
  await expect(diagram(page)).toHaveAttribute('data-lanes', '7');
  await page.getByRole('checkbox', { name: 'clients' }).uncheck();
  await expect(diagram(page)).toHaveAttribute('data-lanes', '6');

  await expect.poll(() => drawn(page)).toBeGreaterThan(0);
  const all = await drawn(page);
  await page.getByText('types', { exact: true }).click();
  const ping = page.getByRole('checkbox', { name: 'PING', exact: true });
  await ping.uncheck();
  await expect.poll(() => drawn(page)).toBeLessThan(all);
  const withoutPing = await drawn(page);
  await ping.check();
  await expect(diagram(page)).toHaveAttribute('data-drawn', String(all));
  // A family at once: the "ping" chip hides PING too.
  await page.getByRole('button', { name: 'ping', exact: true }).click();
  await expect(diagram(page)).toHaveAttribute('data-drawn', String(withoutPing));
  await page.getByRole('button', { name: 'ping', exact: true }).click();
  await expect(diagram(page)).toHaveAttribute('data-drawn', String(all));

  // Zooming out shows at least as many packets; Follow comes back with the button.
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(() => drawn(page)).toBeGreaterThanOrEqual(all);
  await run(page, 'lab run 2s');
  await expect(diagram(page)).toHaveAttribute('data-follow', 'true');

  // The text alternative lists the packets in view like `lab log` does.
  await page.getByRole('button', { name: 'As text' }).click();
  await expect(page.getByRole('list', { name: 'Packets in view as text' })).toContainText(/\d+\.\d{3}s zk\d+->zk\d+ PING/);
});

test('hovering a server card highlights its lane; hovering a lane highlights the card', async ({ page }) => {
  await openDiagram(page, 'voters=5');
  await server(page, 3).locator('.server-head').hover();
  await expect(diagram(page)).toHaveAttribute('data-highlight-lane', '3');
  await expect(server(page, 3)).toHaveAttribute('data-highlighted', 'true');

  // Now the other way: the pointer on zk2's lane (in the label column, away from arrows). On a
  // short window the diagram sits below the ring, in the scrolling column: bring it into view.
  await page.locator('.timeline-canvas').scrollIntoViewIfNeeded();
  const box = (await page.locator('.timeline-canvas').boundingBox())!;
  const lanes = Number(await diagram(page).getAttribute('data-lanes'));
  const laneH = Math.min(36, (box.height - 22) / lanes);
  await page.mouse.move(box.x + 20, box.y + 18 + laneH * 1.5);
  await expect(diagram(page)).toHaveAttribute('data-highlight-lane', '2');
  await expect(server(page, 2)).toHaveAttribute('data-highlighted', 'true');
  await expect(server(page, 3)).not.toHaveAttribute('data-highlighted', 'true');
  await page.mouse.move(box.x + box.width / 2, box.y - 40);
  await expect(diagram(page)).not.toHaveAttribute('data-highlight-lane', /.*/);
});

test('the diagram is rebuilt after a rewind', async ({ page }) => {
  await openDiagram(page, 'voters=3');
  const before = Number(await diagram(page).getAttribute('data-deliveries'));
  expect(before).toBeGreaterThan(0);
  await run(page, 'lab seek 1s');
  await expect.poll(async () => Number(await diagram(page).getAttribute('data-deliveries'))).toBeLessThan(before);
});
