import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import { manifestDifferences, tagDifferences, type RunManifest } from '../../src/pipeline/run-manifest';

const base: RunManifest = {
  schema_version: 1,
  shopeval_version: '0.1.0',
  dataset: { path: 'dev.jsonl', sha256: 'abc', rows: 96 },
  filters: { tasks: null, tracks: null, limit: null },
  profile: 'kddcup2024',
  model: 'm',
  provider: { provider: 'openai-compatible', model: 'm', endpoint: 'http://127.0.0.1:8000/v1', api: 'chat', name: 'openai-compatible' },
  fingerprint: { id: 'm', created: 1 },
  prompt: { system: null, system_preset: null, temperature: 0, max_tokens: DEFAULT_MAX_TOKENS, stop: null, seed: null },
  execution: { concurrency: 8, timeout_ms: 1000, max_attempts: 8 },
  tags: { mix: 'a' },
  started_at: '2024-01-01T00:00:00.000Z',
  resumed_at: [],
  ended_at: null,
  cache: { enabled: true, cache_only: false, directory: '/c', hits: 0, misses: 0 },
  counts: null,
};

describe('run manifest differences', () => {
  it('names only the differing leaf fields', () => {
    const changed: RunManifest = {
      ...base,
      prompt: { ...base.prompt, temperature: 0.5, max_tokens: { ...DEFAULT_MAX_TOKENS, generation: 128 }, stop: ['\n'] },
      fingerprint: { id: 'm', created: 2 },
      filters: { ...base.filters, limit: 3 },
      execution: { concurrency: 64, timeout_ms: 5, max_attempts: 1 }, // how a run executes may change on resume
    };
    expect(manifestDifferences(base, changed)).toEqual([
      'filters.limit: was null, now 3',
      'fingerprint.created: was 1, now 2',
      'prompt.max_tokens.generation: was 256, now 128',
      'prompt.stop: was null, now ["\\n"]',
      'prompt.temperature: was 0, now 0.5',
    ]);
    expect(manifestDifferences(base, { ...base, provider: { ...base.provider, endpoint: 'http://other/v1' }, fingerprint: null })).toEqual([
      'provider.endpoint: was "http://127.0.0.1:8000/v1", now "http://other/v1"',
      'fingerprint: was {"created":1,"id":"m"}, now null',
    ]);
  });

  it('leaves tags out of the check and lists how they changed', () => {
    const retagged = { ...base, tags: { mix: 'b', rank: '16' } };
    expect(manifestDifferences(base, retagged)).toEqual([]);
    expect(tagDifferences(base, retagged)).toEqual(['mix: was "a", now "b"', 'rank: was absent, now "16"']);
  });
});
