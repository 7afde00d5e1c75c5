// Small screens (issue 14 item 7): on a 390×844 phone and a 768×1024 tablet the page's regions are
// ARIA tabs (src/ui/ViewTabs.tsx, src/ui/responsive.css), every one reachable and visible, the page
// never scrolls sideways and no two boxes of the top bar or of the regions overlap; at 1024×768
// (a projector) the desktop layout stays, with no tabs. For ZooKeeper and for Paxos.
// No wall-clock waits: every wait is on the DOM.
import { expect, test, type Page } from './helpers.ts';

const SIZES = [
  { name: 'phone', width: 390, height: 844, tabs: true },
  { name: 'tablet', width: 768, height: 1024, tabs: true },
  { name: 'projector', width: 1024, height: 768, tabs: false },
  { name: 'wide desktop', width: 1680, height: 1050, tabs: false },
] as const;

const LABS = [
  { name: 'ZooKeeper', url: '/?voters=3', views: ['ring', 'timeline', 'znodes', 'invariants', 'load', 'inspector', 'log', 'console'] },
  { name: 'Paxos', url: '/?protocol=paxos&seed=1', views: ['ring', 'timeline', 'paxos', 'invariants', 'inspector', 'log', 'console'] },
] as const;

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
}

/**
 * Pairs of visible boxes that overlap (by more than a pixel each way), among the elements each
 * selector finds: siblings of one level of the page (the top bar's parts, the controls in it, the
 * regions), compared by getBoundingClientRect.
 */
async function overlaps(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const boxes = [...document.querySelectorAll(sel)]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ el, r }) => r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden');
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}${el.textContent ? ` "${el.textContent.slice(0, 20)}"` : ''}`;
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(`${name(boxes[i]!.el)} × ${name(boxes[j]!.el)}`);
      }
    }
    return out;
  }, selector);
}

/** The top bar's parts, the controls inside each part, and the page's regions. */
const LEVELS = ['.topbar > *', '.controls > *', '.topbar-end > *', '.brand > *', '.app > *', '.workspace .view-slot > *', '.main-col > *, .side > *'];

async function expectNoOverlap(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const level of LEVELS) expect(await overlaps(page, level), `overlapping boxes among ${level}`).toEqual([]);
}

for (const size of SIZES) {
  for (const lab of LABS) {
    test(`${lab.name} at ${size.width}×${size.height} (${size.name}): no sideways scroll, no overlap, ${size.tabs ? 'every tab reachable' : 'the desktop layout'}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(lab.url);
      await expect(page.locator('[data-server]').first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectNoOverlap(page);
      const tablist = page.getByRole('tablist', { name: 'Views' });
      if (!size.tabs) {
        await expect(tablist).toHaveCount(0);
        for (const region of ['.cluster-panel', '.lower-panels', '.eventlog', '.console']) await expect(page.locator(region)).toBeVisible();
        return;
      }
      const tabs = tablist.getByRole('tab');
      expect(await tabs.evaluateAll((els) => els.map((el) => el.getAttribute('data-view-tab')))).toEqual(lab.views);
      // The ring first; the other regions hidden.
      await expect(tablist.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.console')).toBeHidden();
      // The ring takes the width.
      const ring = await page.locator('.cluster').boundingBox();
      expect(ring!.width).toBeGreaterThan(size.width - 60);
      expect(ring!.x + ring!.width).toBeLessThanOrEqual(size.width);
      for (const view of lab.views) {
        const tab = tablist.locator(`[data-view-tab="${view}"]`);
        await tab.click();
        await expect(tab).toHaveAttribute('aria-selected', 'true');
        const panel = page.locator(`#${await tab.getAttribute('aria-controls')}`);
        await expect(panel).toBeVisible();
        await expect(panel).toHaveAttribute('role', 'tabpanel');
        await expect(page.getByRole('tabpanel')).toHaveCount(1);
        const box = await panel.boundingBox();
        expect(box!.height, `${view} has room`).toBeGreaterThan(300);
        expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
        if (view !== 'ring' && view !== 'inspector') await expect(page.locator(`.lower-panels[data-view="${view}"], .view-slot[data-slot="${view}"]`).first()).toBeVisible();
        await expectNoSidewaysScroll(page);
        await expectNoOverlap(page);
      }
      // A server's name in the ring opens its inspector.
      await tablist.locator('[data-view-tab="ring"]').click();
      await page.getByRole('button', { name: /^Inspect / }).first().click();
      await expect(tablist.locator('[data-view-tab="inspector"]')).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('#view-panel-inspector')).toBeVisible();
      // The console works from its tab; the keys move between tabs (the ARIA tabs pattern).
      await tablist.locator('[data-view-tab="console"]').click();
      await expect(page.getByRole('textbox', { name: lab.name === 'Paxos' ? /command/ : 'zkCli command' })).toBeVisible();
      await tablist.locator('[data-view-tab="console"]').press('Home');
      await expect(tablist.locator('[data-view-tab="ring"]')).toBeFocused();
      await expect(tablist.locator('[data-view-tab="ring"]')).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('ArrowRight');
      await expect(tablist.locator('[data-view-tab="timeline"]')).toHaveAttribute('aria-selected', 'true');
    });
  }
}

test('a lesson on a phone opens on its own tab, in Chinese too', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lesson=startup-election&lang=zh-CN');
  const tablist = page.getByRole('tablist', { name: '视图' });
  await expect(tablist.locator('[data-view-tab="lesson"]')).toHaveAttribute('aria-selected', 'true');
  await expect(tablist.locator('[data-view-tab="lesson"]')).toHaveText('课程');
  await expect(page.locator('[data-lesson="startup-election"]')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoOverlap(page);
});
