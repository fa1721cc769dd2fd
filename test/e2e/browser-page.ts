import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './report-browser';

export const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What a page did that a self-contained, inert report never does: dialogs, errors, network requests. */
export interface PageWatch {
  readonly dialogs: string[];
  readonly errors: string[];
  readonly requests: string[];
}

/** A headless Chromium with a throw-away profile and a scratch folder for pages. */
export interface BrowserSession {
  readonly context: BrowserContext;
  readonly workspace: string;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<BrowserSession> {
  const workspace = mkdtempSync(join(tmpdir(), 'shopeval-html-'));
  const context = await chromium.launchPersistentContext(join(workspace, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
  });
  return {
    context,
    workspace,
    close: async () => {
      await context.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** Counts pixels that are not (nearly) white in a PNG, by drawing it on a canvas in a blank page. */
export async function nonWhitePixels(context: BrowserContext, png: Buffer): Promise<number> {
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

/** Opens a file in a new page, recording dialogs, console errors and any request that is not the file itself. */
export async function openPage(context: BrowserContext, file: string, timeout = 30000): Promise<{ page: Page; watch: PageWatch }> {
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
  await page.goto(pathToFileURL(file).href, { timeout });
  await page.waitForLoadState('load', { timeout });
  return { page, watch };
}

/** Widths times heights of the page's SVG charts. */
export async function chartAreas(page: Page): Promise<number[]> {
  return page.$$eval('svg.chart', (charts) =>
    charts.map((chart) => chart.getBoundingClientRect().width * chart.getBoundingClientRect().height),
  );
}

/**
 * A deterministic point to assert "nothing happened" at, instead of a fixed wait: the page has loaded, and two frames
 * plus a task have run after everything the last action queued (re-render, inline handlers, dialogs).
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))))');
}
