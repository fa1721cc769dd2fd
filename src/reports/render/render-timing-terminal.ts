import type { RunTiming } from '../../budget/run-timing';
import { plainTable } from './render-report-terminal';
import { TIMING_HEADER, TIMING_NOTE, timingCells, timingRows } from './timing-rows';

/** The latency and token table for a terminal, with the batches line when batches were sent. */
export function renderTimingTable(timing: RunTiming): string {
  const table = plainTable([...TIMING_HEADER], [2, 3, 4, 5, 6, 7, 8, 9]);
  for (const row of timingRows(timing)) table.push(timingCells(row));
  const batches = timing.batches;
  const batchLine =
    batches === null
      ? []
      : [`${batches.count} batches sent; ${batches.over_limit_count} over ${batches.per_sample_limit_ms / 1000} s x batch size`];
  return ['Latency and tokens:', table.toString(), ...batchLine, TIMING_NOTE].join('\n');
}
