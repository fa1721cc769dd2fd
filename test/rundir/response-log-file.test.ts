import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseLog } from '../../src/rundir/response-log-file';

it('keeps answered entries, prefers an answer over an earlier error, and cuts a torn last line', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'responses.jsonl');
  const first = ResponseLog.open(path);
  first.log.append({ id: 'a', output: null, latency_ms: null, attempts: 8, error: 'http 500: down' });
  first.log.append({ id: 'a', output: '1', latency_ms: 3, attempts: 1 });
  first.log.append({ id: 'b', output: null, latency_ms: null, attempts: 8, error: 'http 500: down' });
  first.log.close();
  appendFileSync(path, '{"id": "c", "outp');
  const second = ResponseLog.open(path);
  expect(second.entries.get('a')?.output).toBe('1');
  expect(second.entries.get('b')?.output).toBeNull();
  expect(second.entries.has('c')).toBe(false);
  second.log.append({ id: 'c', output: '2', latency_ms: 1, attempts: 1 });
  second.log.close();
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['a', 'a', 'b', 'c']);
});

it('checks an entry against its schema when it is read, naming the file, the item and the field', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'responses.jsonl');
  appendFileSync(path, `${JSON.stringify({ id: 'a', output: '1', latency_ms: 'fast', attempts: 1 })}\n`);
  appendFileSync(path, `${JSON.stringify({ id: 'b', output: '2', latency_ms: 4, attempts: 1, usage: { prompt_tokens: 9 } })}\n`);
  const { entries, close } = ResponseLog.read(path);
  try {
    expect(entries.isAnswered('a')).toBe(true);
    expect(() => entries.get('a')).toThrow(`${path} (item a, byte 0): latency_ms: must be number,null, delete that line`);
    expect(entries.get('b')?.usage).toEqual({ prompt_tokens: 9 });
  } finally {
    close();
  }
});

it('reads back entries longer than one read, beside short ones, after reopening', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'log-')), 'responses.jsonl');
  const long = 'é'.repeat(20_000); // two bytes a character: several reads of the entry buffer
  const first = ResponseLog.open(path, 3);
  first.log.append({ id: 'short', output: 'a', latency_ms: 1, attempts: 1 });
  first.log.append({ id: 'long', output: long, latency_ms: 2, attempts: 1, reasoning: long });
  first.log.append({ id: 'last', output: 'z', latency_ms: 3, attempts: 1 });
  expect(first.entries.get('long')?.output).toBe(long);
  first.log.close();
  const { entries, close } = ResponseLog.read(path);
  try {
    expect(entries.get('long')?.reasoning).toBe(long);
    expect(entries.get('short')?.output).toBe('a');
    expect(entries.get('last')?.latency_ms).toBe(3);
    expect(entries.answered).toBe(3);
  } finally {
    close();
  }
});
