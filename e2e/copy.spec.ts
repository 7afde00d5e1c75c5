/**
 * Copy is faithful: selecting the console's output and copying it (or "Copy transcript") gives
 * zkCli's text byte for byte, blank lines included — compared with a transcript of a real
 * ZooKeeper 3.8 (src/cli/testdata/conformance/12-watch-data: a data watch fires, with its blank
 * lines around WATCHER::).
 */
import { readFileSync } from 'node:fs';
import { markScript, scriptLinesOf } from '../src/cli/zkcli/conformance.ts';
import { consoleLog, expect, expectConnected, run, test } from './helpers.ts';

const CONFORMANCE = new URL('../src/cli/testdata/conformance/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, CONFORMANCE), 'utf8');

/**
 * What may differ from the recorded transcript (its README): the `Connecting to` host, the times,
 * and JLine (the recording piped a script into zkCli; the console is interactive).
 */
function normalize(text: string): string {
  return text
    .replace(/^Connecting to .*$/gm, 'Connecting to HOST')
    .replace(/^JLine support is (enabled|disabled)$/gm, 'JLine support is …')
    .replace(/^([cm]time) = .*$/gm, '$1 = TIME');
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('selecting the output and copying gives what zkCli printed, blank lines and a watch included', async ({ page }) => {
  await page.goto('/?seed=1');
  await expectConnected(page);
  // The marked script (each command followed by `stat /zz-mark-NN`), without its final `quit`.
  const script = markScript(scriptLinesOf(read('12-watch-data.zk'))).filter((l) => l !== 'quit');
  await run(page, script.join('\n'));
  await expect(consoleLog(page)).toContainText('Node does not exist: /zz-mark-06');

  // Select the output (Ctrl+A in the output selects only the output) and copy it with Ctrl+C.
  await consoleLog(page).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // The console echoes each command after its prompt; the recording has no echo.
  const withoutEcho = copied
    .split('\n')
    .filter((l) => !l.startsWith('[zk: '))
    .join('\n');
  const recorded = read('12-watch-data.out').replace(/\n\nWATCHER::\n\nWatchedEvent state:Closed type:None path:null\n$/, '\n');
  expect(normalize(withoutEcho)).toBe(normalize(recorded));
  expect(copied).toContain('\n\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/w\n');

  // "Copy transcript" copies the same text.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: 'Copy transcript' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
});

test('a selection of part of the output copies those lines, the blank ones too', async ({ page }) => {
  await page.goto('/?seed=1');
  await expectConnected(page);
  await run(page, 'create /w 1\nget -w /w\nset /w 2');
  await expect(consoleLog(page)).toContainText('type:NodeDataChanged path:/w');
  // From the start of the last `WATCHER::` line to the end of the line after it.
  await page.evaluate(() => {
    const log = document.querySelector('[role="log"]')!;
    const lines = [...log.children];
    const watcher = lines.findLastIndex((l) => l.textContent === 'WATCHER::');
    const range = document.createRange();
    range.setStart(lines[watcher]!, 0);
    range.setEnd(lines[watcher + 2]!.firstChild!, 'WatchedEvent'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await page.keyboard.press('ControlOrMeta+C');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('WATCHER::\n\nWatchedEvent');
});
