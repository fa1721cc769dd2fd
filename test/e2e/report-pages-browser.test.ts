import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLeaderboard } from '../../src/reports/documents/build-leaderboard';
import { buildRunReport } from '../../src/reports/documents/build-run-report';
import { compareRuns } from '../../src/reports/documents/compare-runs';
import { comparisonDetails } from '../../src/reports/documents/comparison-details';
import { itemOutcome } from '../../src/reports/documents/item-outcome';
import type { LoadedRun } from '../../src/reports/load/load-run';
import { REPORTERS } from '../../src/reports/render/reporters';
import { fixtureRun } from '../reports/golden';
import { chartAreas, HOSTILE, openPage, settle, startBrowser, type BrowserSession } from './browser-page';
import { describeInBrowser } from './report-browser';

const MEGABYTE = 1 << 20;

/** dev-candidate with one item's output replaced by `output`. */
function withOutput(run: LoadedRun, id: string, output: string): LoadedRun {
  return { ...run, items: run.items.map((item) => (item.id === id ? { ...item, output } : item)) };
}

describeInBrowser('the item table, the comparison page and the leaderboard in headless Chromium', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await startBrowser();
  }, 60000);

  afterAll(async () => {
    await session?.close();
  });

  function write(name: string, html: string): string {
    const file = join(session.workspace, name);
    writeFileSync(file, html);
    return file;
  }

  it("counts outcomes per task, filters to them from a count, says an unscored task's reason once, and expands a cell", async () => {
    const run = fixtureRun('dev-baseline');
    const report = buildRunReport(run, { resamples: 50 });
    const { page, watch } = await openPage(session.context, write('items.html', REPORTERS.html.report(report, run.items)));

    const reason = report.tasks.find((task) => task.task_name === 'task1')?.reason ?? '';
    expect(reason.length).toBeGreaterThan(20);
    expect(await page.locator('#items-body', { hasText: reason }).count()).toBe(0);
    expect(await page.locator('ul.left-out li', { hasText: reason }).count()).toBe(1);

    const apiErrors = run.items.filter((item) => itemOutcome(item) === 'api-error');
    expect(apiErrors.length).toBeGreaterThan(0);
    const task = apiErrors[0]?.task_name ?? '';
    await page.click(`#outcome-counts button[data-task="${task}"][data-outcome="api-error"]`);
    const expected = run.items.filter((item) => item.task_name === task && itemOutcome(item) === 'api-error').length;
    expect(await page.locator('#items-body tr').count()).toBe(expected);
    expect(await page.locator('#items-body td.outcome-api-error').first().textContent()).toBe('API error');
    expect(await page.locator('#filter-outcome option[value="api-error"]').textContent()).toBe(`API error (${expected})`);

    await page.selectOption('#filter-task', 'task1');
    await page.selectOption('#filter-outcome', '');
    expect(await page.textContent('#task-note')).toBe(`task1 is not scored: ${reason}`);

    await page.selectOption('#filter-task', '');
    const longPrompt = run.items.find((item) => item.input.length > 400);
    await page.fill('#filter-text', longPrompt?.id ?? '');
    const firstBox = page.locator('#items-body tr').first().locator('div.long').nth(0);
    expect(((await firstBox.textContent()) ?? '').length).toBeLessThan(300);
    await page.locator('#items-body tr').first().locator('button.expand').first().click();
    expect(await firstBox.textContent()).toBe(longPrompt?.input);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);

  it('files an answer the parser cannot read as unparseable, not wrong', async () => {
    const run = fixtureRun('dev-candidate');
    const unparseable = run.items.filter((item) => itemOutcome(item) === 'unparseable');
    expect(unparseable.length).toBeGreaterThan(0);
    const { page } = await openPage(
      session.context,
      write('unparseable.html', REPORTERS.html.report(buildRunReport(run, { resamples: 50 }), run.items)),
    );
    await page.selectOption('#filter-outcome', 'unparseable');
    expect(await page.locator('#items-body tr').count()).toBe(unparseable.length);
    expect(await page.locator('#items-body tr').first().textContent()).toContain('the parser found no answer');
  }, 60000);

  it('opens a report holding a 1 MB output without spaces at once, and shows all of it wrapped on demand', async () => {
    const base = fixtureRun('dev-candidate');
    const target = base.items[0];
    // one unbroken word of capitals: the old table (every row in the DOM, break-word cells) never finished loading on it
    const huge = 'A'.repeat(MEGABYTE);
    const run = withOutput(base, target?.id ?? '', huge);
    const started = Date.now();
    const { page, watch } = await openPage(
      session.context,
      write('huge.html', REPORTERS.html.report(buildRunReport(run, { resamples: 50 }), run.items)),
      60000,
    );
    expect(Date.now() - started).toBeLessThan(30000);
    await page.fill('#filter-text', target?.id ?? '');
    const row = page.locator('#items-body tr').first();
    await row.locator('button.expand', { hasText: `show all ${huge.length} characters` }).click({ timeout: 30000 });
    const box = row.locator('div.long.open');
    expect(await box.evaluate((element) => element.textContent?.length)).toBe(huge.length);
    const width = await box.evaluate((element) => element.getBoundingClientRect().width);
    expect(width).toBeLessThan(1000);
    expect(await page.locator('#items-body img, #items-body script').count()).toBe(0);
    expect(Date.now() - started).toBeLessThan(45000);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 90000);

  it('compares two runs on one page: settings, differences with intervals, and the changed items side by side', async () => {
    const baseline = fixtureRun('dev-baseline');
    const candidate = fixtureRun('dev-candidate');
    const comparison = compareRuns(baseline, candidate, { resamples: 100 });
    const withSettings = (run: LoadedRun, temperature: number): LoadedRun => ({
      ...run,
      manifest: {
        ...run.manifest,
        settings: [
          ['prompt.temperature', String(temperature)],
          ['prompt.system', 'none'],
          ['filters.limit', 'none'],
        ],
      },
    });
    const details = comparisonDetails(withSettings(baseline, 0), withSettings(candidate, 0.7));
    const { changes } = details;
    const { page, watch } = await openPage(session.context, write('compare.html', REPORTERS.html.comparison(comparison, details)));

    const areas = await chartAreas(page);
    expect(areas).toHaveLength(1);
    expect(areas[0]).toBeGreaterThan(20000);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(10);
    expect(await page.textContent('#settings')).toContain('shop-llm-8b-base');
    expect(await page.textContent('#settings')).toContain('shop-llm-8b-lora');
    expect(await page.locator('#settings tr.differs th').allTextContents()).toEqual(['Model', 'Tags', 'prompt.temperature']);
    expect(await page.locator('#settings tr', { hasText: 'prompt.system' }).textContent()).toBe('prompt.systemnonenone');
    expect(await page.locator('#differences tbody tr').count()).toBe(1 + comparison.tracks.length + comparison.tasks.length);

    const groups = page.locator('details.task-changes');
    expect(await groups.count()).toBe(changes.length);
    const hostile = changes.find((group) => group.changes.some((change) => change.candidate.output?.includes(HOSTILE)));
    expect(hostile).toBeDefined();
    const group = groups.filter({ hasText: `${hostile?.task_name ?? ''}: ` }).first();
    await group.locator('summary').first().click();
    const block = group.locator('div.change').first();
    expect(await block.locator('.side-by-side > div').count()).toBe(2);
    expect(await block.locator('.side-by-side').isVisible()).toBe(true);
    expect(await page.locator('div.change', { hasText: HOSTILE }).count()).toBeGreaterThan(0);
    expect(await page.locator('div.change img, div.change script').count()).toBe(0);
    await settle(page);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);

  it('marks a leaderboard pivot cell that averages several runs', async () => {
    const grid = ['r8-concept', 'r16-concept', 'r32-concept', 'r8-concept+reasoning'].map((name) => fixtureRun(`grid/${name}`));
    const relabelled = grid.map((run) => ({
      ...run,
      manifest: {
        ...run.manifest,
        tags: { ...run.manifest.tags, lora_rank: run.manifest.tags['lora_rank'] === '8' ? '8' : '16+', note: HOSTILE },
      },
    }));
    const board = buildLeaderboard(relabelled, { resamples: 50, pivot: { rowsTag: 'lora_rank', colsTag: 'mix' }, pivotMeans: true });
    const { page, watch } = await openPage(session.context, write('board.html', REPORTERS.html.leaderboard(board)));
    expect(await page.locator('td', { hasText: /^\d\.\d{4} \(mean of 2\)$/ }).count()).toBe(1);
    expect(Math.min(...(await chartAreas(page)))).toBeGreaterThan(10000);
    expect(await page.locator('td', { hasText: `note=${HOSTILE}` }).count()).toBe(grid.length);
    expect(await page.locator('body img, body script').count()).toBe(0);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);
});
