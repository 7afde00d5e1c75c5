/**
 * Security (issue 14 item 6): the built site carries a strict Content-Security-Policy (a meta tag
 * in index.html, and a header from `vite preview` that also says who may frame the page), and
 * znode names and data are text, never HTML. The suite's `test` (./helpers.ts) fails any test
 * during which the page reported a CSP violation.
 */
import { consoleLog, expect, expectConnected, run, test } from './helpers.ts';

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d !== '')
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

function expectStrict(policy: string): void {
  const d = directives(policy);
  expect(d.get('script-src')).toBe("'self'");
  expect(d.get('worker-src')).toBe("'self'");
  expect(d.get('connect-src')).toBe("'self'");
  expect(d.get('object-src')).toBe("'none'");
  expect(d.get('base-uri')).toBe("'none'");
  expect(d.get('style-src')).toBe("'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toContain('unsafe-inline');
}

test('the page carries a strict CSP: a meta tag, and headers that keep the lab out of frames but let an embed in', async ({ page }) => {
  const res = await page.goto('/?seed=2');
  const header = res!.headers()['content-security-policy']!;
  expectStrict(header);
  expect(directives(header).get('frame-ancestors')).toBe("'none'");
  expect(res!.headers()['x-content-type-options']).toBe('nosniff');

  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expectStrict(meta!);
  // A meta tag cannot carry frame-ancestors (the browser would warn).
  expect(directives(meta!).has('frame-ancestors')).toBe(false);
  // The lab runs under it: servers elected, the console connected (and no violation: ./helpers.ts).
  await expectConnected(page);
  await expect(page.locator('[data-server][data-state="LEADING"]')).toHaveCount(1);

  const embed = await page.request.get('/?embed&views=ring');
  expect(directives(embed.headers()['content-security-policy']!).get('frame-ancestors')).toBe('*');
});

test('hostile znode names and data are shown as text in the tree, the details and the console', async ({ page }) => {
  const dataHtml = '<img src=x onerror=window.__pwned=1>';
  const nameHtml = '/<svg onload=window.__pwned=2>';
  const scriptData = '<script>window.__pwned=3</script>';
  await page.goto('/?seed=3');
  await expectConnected(page);
  const scripts = await page.locator('script').count();

  expect(await run(page, `create "${nameHtml}" "${dataHtml}"`)).toContain(`Created ${nameHtml}`);
  expect(await run(page, `create /s "${scriptData}"`)).toContain('Created /s');
  expect(await run(page, `get "${nameHtml}"`)).toContain(dataHtml);
  expect(await run(page, 'get /s')).toContain(scriptData);
  await expect(consoleLog(page)).toContainText(dataHtml);

  // The tree shows the name; its details show the data.
  const node = page.locator(`[data-path="${nameHtml}"]`);
  await expect(node).toBeVisible();
  await node.getByRole('button', { name: `Show ${nameHtml}` }).click();
  await expect(page.locator(`[data-selected-path="${nameHtml}"] [data-field="data"]`)).toHaveText(dataHtml);
  await page.getByRole('button', { name: 'Show /s' }).click();
  await expect(page.locator('[data-selected-path="/s"] [data-field="data"]')).toHaveText(scriptData);

  // The event log tells the client's requests (zkCli's by type, without their paths).
  await page.locator('.eventlog-kinds [data-category="client"]').click();
  // Only the rows in view are in the DOM: look at the newest.
  await expect
    .poll(async () => {
      await page.locator('.eventlog-scroll').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      return page.locator('.eventlog-rows').textContent();
    })
    .toContain('c1 sends create');

  // Nothing ran, nothing was made of the text.
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], [onerror], [onload]')).toHaveCount(0);
  expect(await page.locator('script').count()).toBe(scripts);
});
