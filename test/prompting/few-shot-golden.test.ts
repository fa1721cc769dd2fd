import { readFileSync, writeFileSync } from 'node:fs';
import { goldenRequests, GOLDEN_TASK } from './golden-few-shot';

const GOLDEN = 'fixtures/prompts/few-shot-golden.json';

describe('few-shot golden prompt', () => {
  it(`builds exactly the committed prompt for the first ${GOLDEN_TASK} dev row (text and chat turns)`, async () => {
    const { row, text, turns } = await goldenRequests();
    const actual = {
      row_id: row.id,
      flags: '--few-shot 3 --few-shot-source fixtures/datasets/shopbench-dev.jsonl (seed 1234)',
      text,
      turns,
    };
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
