import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { buildLeaderboard } from '../../src/reports/documents/build-leaderboard';
import { buildRunReport } from '../../src/reports/documents/build-run-report';
import { REPORTERS } from '../../src/reports/render/reporters';
import { fixtureRun } from '../reports/golden';
import { HOSTILE, nonWhitePixels, openPage as open, settle, startBrowser, type BrowserSession } from './browser-page';
import { describeInBrowser } from './report-browser';

describeInBrowser('HTML reports in headless Chromium', () => {
  let session: BrowserSession | undefined;
  let workspace: string;
  let context: BrowserContext;

  beforeAll(async () => {
    session = await startBrowser();
    ({ workspace, context } = session);
  }, 60000);

  afterAll(async () => {
    await session?.close();
  });

  it('renders the report charts and keeps a hostile model output inert but visible', async () => {
    const run = fixtureRun('dev-candidate');
    expect(run.items.some((item) => item.output?.includes(HOSTILE))).toBe(true);
    const file = join(workspace, 'report.html');
    writeFileSync(file, REPORTERS.html.report(buildRunReport(run, { resamples: 200 }), run.items));
    const { page, watch } = await open(context, file);

    const chartAreas = await page.$$eval('svg.chart', (charts) =>
      charts.map((chart) => chart.getBoundingClientRect().width * chart.getBoundingClientRect().height),
    );
    expect(chartAreas).toHaveLength(2);
    expect(Math.min(...chartAreas)).toBeGreaterThan(10000);
    expect(
      await page.$$eval('svg.chart rect.bar', (bars) => bars.filter((bar) => bar.getBoundingClientRect().width > 1).length),
    ).toBeGreaterThan(10);
    expect(await nonWhitePixels(context, await page.screenshot({ fullPage: false }))).toBeGreaterThan(5000);

    expect(await page.locator('#items-body tr').count()).toBe(run.items.length);
    await page.fill('#filter-text', 'alert(1)');
    const hostileCell = page.locator('#items-body td', { hasText: HOSTILE }).first();
    await expect(hostileCell.isVisible()).resolves.toBe(true);
    expect(await page.locator('#items-body img, #items-body script').count()).toBe(0);

    await page.fill('#filter-text', '');
    await page.selectOption('#filter-task', 'task6');
    await page.selectOption('#filter-outcome', 'right');
    const shown = await page.locator('#items-body tr').count();
    expect(shown).toBe(run.items.filter((item) => item.task_name === 'task6' && item.score === 1).length);
    expect(await page.textContent('#items-count')).toMatch(new RegExp(`^${shown} of ${run.items.length} items`));

    await settle(page);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);

  it('renders the leaderboard with its score-by-tag line chart', async () => {
    const runs = ['r8-concept', 'r8-concept+reasoning', 'r16-concept', 'r16-concept+reasoning', 'r32-concept', 'r32-concept+reasoning'].map(
      (name) => fixtureRun(`grid/${name}`),
    );
    const board = buildLeaderboard(runs, { resamples: 100, pivot: { rowsTag: 'lora_rank', colsTag: 'mix' } });
    const file = join(workspace, 'leaderboard.html');
    writeFileSync(file, REPORTERS.html.leaderboard(board));
    const { page, watch } = await open(context, file);
    // the score-by-tag chart (the quality-vs-latency chart beside it draws one point per run)
    const lines = await page.$$eval('svg.chart', (charts) =>
      charts
        .filter((chart) => !(chart.querySelector('title')?.textContent ?? '').includes('latency'))
        .flatMap((chart) => [...chart.querySelectorAll('polyline')].map((line) => line.getBoundingClientRect().width)),
    );
    expect(lines).toHaveLength(2);
    const latencyCharts = await page.$$eval(
      'svg.chart title',
      (titles) => titles.filter((title) => (title.textContent ?? '').includes('latency')).length,
    );
    expect(latencyCharts).toBe(1);
    expect(Math.min(...lines)).toBeGreaterThan(100);
    expect(await nonWhitePixels(context, await page.screenshot({ fullPage: true }))).toBeGreaterThan(5000);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);
});
