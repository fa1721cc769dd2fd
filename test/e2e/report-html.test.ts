import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildLeaderboard } from '../../src/reports/build-leaderboard';
import { buildRunReport } from '../../src/reports/build-run-report';
import { REPORTERS } from '../../src/reports/reporters';
import { fixtureRun } from '../reports/golden';
import { CHROMIUM, describeInBrowser } from './report-browser';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

interface PageWatch {
  readonly dialogs: string[];
  readonly errors: string[];
  readonly requests: string[];
}

/** Counts pixels that are not (nearly) white in a PNG, by drawing it on a canvas in a blank page. */
async function nonWhitePixels(context: BrowserContext, png: Buffer): Promise<number> {
  const page = await context.newPage();
  // a string, so the DOM code is not type-checked against Node's lib
  const count = await page.evaluate<number>(`(async () => {
    const image = new Image();
    image.src = 'data:image/png;base64,${png.toString('base64')}';
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const drawing = canvas.getContext('2d');
    drawing.drawImage(image, 0, 0);
    const data = drawing.getImageData(0, 0, image.width, image.height).data;
    let dark = 0;
    for (let index = 0; index < data.length; index += 4) if (data[index] + data[index + 1] + data[index + 2] < 700) dark += 1;
    return dark;
  })()`);
  await page.close();
  return count;
}

async function open(context: BrowserContext, file: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { dialogs: [], errors: [], requests: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) watch.requests.push(request.url());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return { page, watch };
}

describeInBrowser('HTML reports in headless Chromium', () => {
  let workspace: string;
  let context: BrowserContext;

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'shopeval-html-'));
    context = await chromium.launchPersistentContext(join(workspace, 'profile'), { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  }, 60000);

  afterAll(async () => {
    await context?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('renders the report charts and keeps a hostile model output inert but visible', async () => {
    const run = fixtureRun('dev-candidate');
    expect(run.items.some((item) => item.output?.includes(HOSTILE))).toBe(true);
    const file = join(workspace, 'report.html');
    writeFileSync(file, REPORTERS.html.report(buildRunReport(run, { resamples: 200 }), run.items));
    const { page, watch } = await open(context, file);

    const chartAreas = await page.$$eval('svg.chart', (charts) => charts.map((chart) => chart.getBoundingClientRect().width * chart.getBoundingClientRect().height));
    expect(chartAreas).toHaveLength(2);
    expect(Math.min(...chartAreas)).toBeGreaterThan(10000);
    expect(await page.$$eval('svg.chart rect.bar', (bars) => bars.filter((bar) => bar.getBoundingClientRect().width > 1).length)).toBeGreaterThan(10);
    expect(await nonWhitePixels(context, await page.screenshot({ fullPage: false }))).toBeGreaterThan(5000);

    expect(await page.locator('#items-body tr').count()).toBe(run.items.length);
    await page.fill('#filter-text', 'alert(1)');
    const hostileCell = page.locator('#items-body td', { hasText: HOSTILE }).first();
    await expect(hostileCell.isVisible()).resolves.toBe(true);
    expect(await page.locator('#items-body img, #items-body script').count()).toBe(0);

    await page.fill('#filter-text', '');
    await page.selectOption('#filter-task', 'task6');
    await page.selectOption('#filter-outcome', 'correct');
    const shown = await page.locator('#items-body tr').count();
    expect(shown).toBe(run.items.filter((item) => item.task_name === 'task6' && item.score === 1).length);
    expect(await page.textContent('#items-count')).toMatch(new RegExp(`^${shown} of ${run.items.length} items`));

    await page.waitForTimeout(300);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);

  it('renders the leaderboard with its score-by-tag line chart', async () => {
    const runs = ['r8-concept', 'r8-concept+reasoning', 'r16-concept', 'r16-concept+reasoning', 'r32-concept', 'r32-concept+reasoning'].map((name) => fixtureRun(`grid/${name}`));
    const board = buildLeaderboard(runs, { resamples: 100, pivot: { rowsTag: 'lora_rank', colsTag: 'mix' } });
    const file = join(workspace, 'leaderboard.html');
    writeFileSync(file, REPORTERS.html.leaderboard(board));
    const { page, watch } = await open(context, file);
    const lines = await page.$$eval('svg.chart polyline', (polylines) => polylines.map((line) => line.getBoundingClientRect().width));
    expect(lines).toHaveLength(2);
    expect(Math.min(...lines)).toBeGreaterThan(100);
    expect(await nonWhitePixels(context, await page.screenshot({ fullPage: true }))).toBeGreaterThan(5000);
    expect(watch).toEqual({ dialogs: [], errors: [], requests: [] });
  }, 60000);
});
