import { DEFAULT_MAX_TOKENS } from '../../src/pipeline/prompt-settings';
import { manifestDifferences, resumeCheck, tagDifferences } from '../../src/pipeline/run-manifest';
import type { RunManifest } from '../../src/rundir/manifest-file';

const base: RunManifest = {
  schema_version: 1,
  shopeval_version: '0.1.0',
  dataset: { path: 'dev.jsonl', sha256: 'abc', rows: 96 },
  filters: { tasks: null, tracks: null, limit: null },
  profile: 'kddcup2024',
  model: 'm',
  provider: { provider: 'openai-compatible', model: 'm', endpoint: 'http://127.0.0.1:8000/v1', api: 'chat', name: 'openai-compatible' },
  identity: {
    server: 'vllm',
    facts: { id: 'm', root: '/w/a' },
    strength: 'behavioural',
    checkpoint_id: null,
    behaviour: { items: ['r1'], sha256: 'aa' },
  },
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
      identity: { ...base.identity, facts: { id: 'm', root: '/w/b' } },
      filters: { ...base.filters, limit: 3 },
      execution: { concurrency: 64, timeout_ms: 5, max_attempts: 1 }, // how a run executes may change on resume
    };
    expect(manifestDifferences(base, changed)).toEqual([
      'filters.limit: was null, now 3',
      'checkpoint identity.root: was "/w/a", now "/w/b"',
      'prompt.max_tokens.generation: was 256, now 128',
      'prompt.stop: was null, now ["\\n"]',
      'prompt.temperature: was 0, now 0.5',
    ]);
  });

  it('lets a recognised checkpoint move to another port, but not one known by its name only', () => {
    const moved = { ...base, provider: { ...base.provider, endpoint: 'http://127.0.0.1:8001/v1' } };
    expect(resumeCheck(base, moved)).toEqual({
      differences: [],
      identityChanged: false,
      notes: [
        'endpoint: was "http://127.0.0.1:8000/v1", now "http://127.0.0.1:8001/v1"; the checkpoint identity is the same, so the run resumes',
      ],
    });
    const nameOnly: RunManifest = {
      ...base,
      identity: { server: 'openai-compatible', facts: { id: 'm' }, strength: 'name-only', checkpoint_id: null, behaviour: null },
    };
    expect(manifestDifferences(nameOnly, { ...nameOnly, provider: moved.provider })).toEqual([
      expect.stringMatching(/^endpoint: was .*, now .* \(the server identifies the model by name only.*--checkpoint-id/),
    ]);
    const pinned: RunManifest = { ...nameOnly, identity: { ...nameOnly.identity, strength: 'pinned', checkpoint_id: 'abc123' } };
    expect(manifestDifferences(nameOnly, { ...pinned, provider: moved.provider })).toEqual([]);
    expect(manifestDifferences(pinned, { ...pinned, identity: { ...pinned.identity, checkpoint_id: 'def456' } })).toEqual([
      'checkpoint identity: --checkpoint-id: was "abc123", now "def456"',
    ]);
  });

  it('ignores volatile and behavioural fields: a restarted server with the same checkpoint resumes', () => {
    const restarted = { ...base, identity: { ...base.identity, behaviour: { items: ['r1'], sha256: 'bb' } } };
    expect(resumeCheck(base, restarted).differences).toEqual([]);
  });

  it('leaves tags out of the check and lists how they changed', () => {
    const retagged = { ...base, tags: { mix: 'b', rank: '16' } };
    expect(manifestDifferences(base, retagged)).toEqual([]);
    expect(tagDifferences(base, retagged)).toEqual(['mix: was "a", now "b"', 'rank: was absent, now "16"']);
  });
});
