import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../strings.ts';
import { en } from './en.ts';
import { i18n, initialLang } from './index.ts';
import { zhCN } from './zh-CN.ts';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** key → value for every string, nested keys joined with '.' as i18next reads them. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** Plural forms (`x_one`, `x_other`) count as one key `x`: Chinese has only `_other`, English `_one` and `_other`. */
function byBaseKey(flat: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of flat) {
    const base = k.replace(PLURAL, '');
    out.set(base, [...(out.get(base) ?? []), v]);
  }
  return out;
}

const placeholders = (v: string) => [...v.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]!).sort();
const uniq = (xs: string[]) => [...new Set(xs)].sort();

const enFlat = flatten(en as unknown as Tree);
const zhFlat = flatten(zhCN as unknown as Tree);
const enKeys = byBaseKey(enFlat);
const zhKeys = byBaseKey(zhFlat);

/**
 * zh-CN values that are rightly free of Chinese: ZooKeeper's own words (role states, zxid, ZAB, …),
 * symbols and pure templates. Every other zh-CN value must contain CJK characters.
 */
const NOT_TRANSLATED = new Set([
  'serverLabel', // '{{name}}，{{state}}'
  'epochs', // ZooKeeper's word
  'learnerSyncMode', // '（{{mode}}）': DIFF / TRUNC / SNAP
  'ev.action', // 'lab：…': the lab command's name
  'ev.zab',
  'watchesText',
  'branchOption',
  'speedValue',
  'noVote',
  'voteText',
  'epochsTitle',
  'lastZxid',
  'phase',
  'phaseNone',
  'packetTitle',
  'roleNames.LOOKING',
  'roleNames.FOLLOWING',
  'roleNames.LEADING',
  'roleNames.OBSERVING',
  'roleNames.DOWN',
  'learnerText',
  'consoleTabName',
  'znodeStatus.ready',
  'znodeBadgeEphemeral',
  'znodeBadgeSequential',
  'znodeBadgeContainer',
  'znodeBadgeTtl',
  'znodeBadgeWatched',
  'eventCategoryNames.zab',
]);
const CJK = /[\u3400-\u9fff]/;

describe('i18n resources', () => {
  it('en and zh-CN have exactly the same keys', () => {
    const missing = [...enKeys.keys()].filter((k) => !zhKeys.has(k));
    const extra = [...zhKeys.keys()].filter((k) => !enKeys.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('plural keys are complete: en has _one and _other, zh-CN has _other', () => {
    for (const k of enFlat.keys()) if (k.endsWith('_one')) expect(enFlat.has(k.replace(/_one$/, '_other')), k).toBe(true);
    for (const k of zhFlat.keys()) if (PLURAL.test(k)) expect(k.endsWith('_other'), k).toBe(true);
  });

  it('every key uses the same placeholders in both languages', () => {
    for (const [k, enValues] of enKeys) {
      const zhValues = zhKeys.get(k) ?? [];
      expect(uniq(zhValues.flatMap(placeholders)), k).toEqual(uniq(enValues.flatMap(placeholders)));
    }
  });

  it('no value is empty', () => {
    for (const [k, v] of [...enFlat, ...zhFlat]) expect(v.trim().length, k).toBeGreaterThan(0);
  });

  it('zh-CN values are Chinese except the listed protocol names and symbols', () => {
    const notChinese = [...zhFlat].filter(([k, v]) => !CJK.test(v) && !NOT_TRANSLATED.has(k.replace(PLURAL, ''))).map(([k]) => k);
    expect(notChinese).toEqual([]);
    for (const k of NOT_TRANSLATED) {
      expect(enKeys.has(k), `${k} listed but not a key`).toBe(true);
      expect(zhKeys.get(k)!.some((v) => CJK.test(v)), `${k} listed but has Chinese: take it off the list`).toBe(false);
    }
  });

  it('ZooKeeper’s own words stay as they are in zh-CN', () => {
    expect(zhCN.roleNames).toEqual(en.roleNames);
    expect(zhCN.ev.electionStart).toContain('zxid');
    expect(zhCN.ev.electionStart).toContain('epoch');
  });
});

describe('t in both languages', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('starts in English', () => {
    expect(i18n.language).toBe('en');
    expect(initialLang('?lang=zh-CN&voters=3')).toBe('zh-CN');
    expect(initialLang('?voters=3')).toBe('en');
    expect(initialLang('?lang=xx')).toBe('en');
  });

  it('renders the exact English texts', () => {
    expect(t.consoleTitle).toBe('Console');
    expect(t.language).toBe('Language');
    expect(t.ensembleSummary(3, 0, 'abc')).toBe('3 voters · seed abc');
    expect(t.ensembleSummary(1, 2, 'x')).toBe('1 voter + 2 observers · seed x');
    expect(t.ensembleSettings(2000, 10, 5, 3, 4)).toBe('tickTime=2000 initLimit=10 syncLimit=5 · link latency 3–7 ms');
    expect(t.stepToTitle(t.stepTo.vote!)).toBe('Pause and run to the next vote (lab step)');
    expect(t.branchOption(2, 1500, true)).toBe('● 2 (from 1.5 s)');
    expect(t.branchOption(1, null, false)).toBe('1');
    expect(t.logSummary(1, null, 0, '0x0')).toBe('1 txn · down: commit point unknown · snapshot 0x0');
    expect(t.logSummary(3, '0x100000002', 1, '0x0')).toBe('3 txns · committed ≤ 0x100000002 · 1 uncommitted · snapshot 0x0');
    expect(t.learnerText('zk1', 'SYNC', 'DIFF', false)).toBe('zk1 SYNC (DIFF) · not synced');
    expect(t.outstandingText('0x1', [])).toBe('0x1 acked by none');
    expect(t.consoleTabTitle('zk1', 'CONNECTED', '0x1')).toBe('zkCli on zk1 · CONNECTED · session 0x1');
    expect(t.znodeStatus.loading('zk2')).toBe('Reading zk2’s tree…');
    expect(t.znodeStatus.ready('zk2')).toBe('zk2');
    expect(t.znodeSummary('zk1', 5, '0x1', 'zk3', 2)).toBe('zk1 · 5 znodes · zxid 0x1 · 2 differ from leader zk3');
    expect(t.znodeTtlTitle(null)).toBe('TTL node: removed once empty and unchanged that long');
    expect(t.znodeWatchedTitle(['a'], [], ['persistent'])).toBe('watched on this server — data/exist: a · child: none · persistent');
    expect(t.eventLogCount(2, 2)).toBe('2 events');
    expect(t.ev.cut('zk1', 'zk2', true)).toBe('link zk1 → zk2 cut (one way)');
    expect(t.ev.healAll).toBe('all links healed');
    expect(t.ev.wiped('zk1')).toBe("zk1's disk wiped");
    expect(t.ev.request('0x1', 'zk1', 'create', '/a')).toBe('zk1 receives create /a from session 0x1');
    expect(t.ev.partition(['zk1', 'zk2,zk3'])).toBe('network partitioned: {zk1} | {zk2,zk3}');
    expect(t.watchesText(1, 2)).toBe('1 data/exist watch, 2 child watches');
    expect(t.invariantsChecked(-1)).toBe('not checked yet');
    expect(t.invariantBrokeAt(1234, 7)).toBe('broke at 1.234 s (event 7)');
    expect(t.timelineCanvasLabel(3, 10, -5, 2000)).toContain('between 0.000s and 2.000s');
    expect(t.roleNames.LEADING).toBe('LEADING');
    expect(t.packetTitle('zk1', 'zk2', 'PROPOSAL')).toBe('zk1 → zk2 PROPOSAL');
    expect(t.linkTitle('zk1', 'zk2', t.linkStateOpen)).toContain('only zk1 → zk2');
  });

  it('renders Chinese after switching, keeping protocol words and values', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(t.consoleTitle).toBe('控制台');
    expect(t.language).toBe('语言');
    expect(t.ensembleSummary(3, 1, 'abc')).toBe('3 个投票者 + 1 个观察者 · 随机种子 abc');
    expect(t.ev.electionStart('zk1', 2, 'zk3', '0x0', '0x1')).toBe('zk1 开始第 2 轮选举，投票给 zk3：zxid 0x0，epoch 0x1');
    expect(t.ev.healAll).toBe('所有链路已恢复');
    expect(t.watchesText(1, 2)).toBe('1 个 data/exist 监听，2 个子节点监听');
    expect(t.logSummary(1, null, 0, '0x0')).toBe('1 个事务 · 停机：提交点未知 · 快照 0x0');
    expect(t.roleNames.FOLLOWING).toBe('FOLLOWING');
    expect(t.packetFamilies.broadcast).toBe('广播');
    expect(t.stepTo.commit).toBe('下一次提交');
    expect(t.znodeStatus.down('zk2')).toContain('zk2 已停机');
    await i18n.changeLanguage('en');
    expect(t.consoleTitle).toBe('Console');
  });
});
