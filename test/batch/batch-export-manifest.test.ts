import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExportManifest } from '../../src/batch/batch-export-manifest';
import { batchCustomId, batchRequestKey, parseBatchCustomId } from '../../src/batch/batch-custom-id';
import { ConfigError } from '../../src/errors';
import { temporaryDirectory } from '../e2e/run-fixtures';

describe('the batch export sidecar (requests.jsonl.shopeval.json)', () => {
  const valid = {
    format: 'shopeval-batch-export',
    schema_version: 1,
    shopeval_version: '0.1.0',
    created_at: '2026-01-01T00:00:00.000Z',
    model: 'm',
    api: 'chat',
    url: '/v1/chat/completions',
    requests: 2,
    requests_sha256: 'ab',
    dataset: { path: 'd.jsonl', sha256: 'cd' },
    dataset_options: {},
    filter: {},
    prompt: { temperature: 0, maxTokens: { generation: 8 } },
  };

  it('reads a valid one', () => {
    const requests = join(temporaryDirectory('sidecar'), 'requests.jsonl');
    writeFileSync(`${requests}.shopeval.json`, JSON.stringify(valid));
    expect(readExportManifest(requests)).toEqual(valid);
  });

  it('reads a version 2 one with a template, few-shot settings and repeats', () => {
    const requests = join(temporaryDirectory('sidecar'), 'requests.jsonl');
    const manifest = {
      ...valid,
      schema_version: 2,
      prompt: {
        ...valid.prompt,
        seed: 0,
        repeats: 3,
        template: { source: 't.txt', kind: 'text', text: '{{input_field}}' },
        fewShot: { source: 'f.jsonl', sha256: 'ef', k: 2, seed: 1234, asTurns: true },
      },
    };
    writeFileSync(`${requests}.shopeval.json`, JSON.stringify(manifest));
    expect(readExportManifest(requests)).toEqual(manifest);
  });

  it('refuses a missing sidecar, saying where it comes from', () => {
    const requests = join(temporaryDirectory('sidecar'), 'requests.jsonl');
    expect(() => readExportManifest(requests)).toThrow(ConfigError);
    expect(() => readExportManifest(requests)).toThrow(`${requests}.shopeval.json: cannot read the export's manifest`);
  });

  it.each([
    ['format', { ...valid, format: 'other' }],
    ['api', { ...valid, api: 'generate' }],
    ['model', { ...valid, model: '' }],
    ['requests', { ...valid, requests: 'two' }],
    ['dataset', { ...valid, dataset: { path: 'd.jsonl' } }],
    ['prompt', { ...valid, prompt: { temperature: 'hot', maxTokens: {} } }],
    ['filter', { ...valid, filter: null }],
    ['schema_version', { ...valid, schema_version: 3 }],
    ['prompt.template', { ...valid, prompt: { ...valid.prompt, template: { source: 't.txt', kind: 'yaml', text: '' } } }],
    [
      'prompt.fewShot',
      { ...valid, prompt: { ...valid.prompt, fewShot: { source: 'f.jsonl', sha256: 'ef', k: '2', seed: 1, asTurns: false } } },
    ],
    ['prompt.repeats', { ...valid, prompt: { ...valid.prompt, repeats: 1 } }],
  ])('refuses a sidecar with a bad %s, naming the file and the field', (field, manifest) => {
    const requests = join(temporaryDirectory('sidecar'), 'requests.jsonl');
    writeFileSync(`${requests}.shopeval.json`, JSON.stringify(manifest));
    expect(() => readExportManifest(requests)).toThrow(`${requests}.shopeval.json: field ${field}: expected`);
  });
});

describe('batch custom ids', () => {
  it('carry the repeat index before the body hash, and give it back with the request key', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'q' }], seed: 3 };
    const key = batchRequestKey('r-1~x', body);
    expect(key).toMatch(/^r-1~x~[0-9a-f]{12}$/);
    expect(batchCustomId('r-1~x', body)).toBe(key);
    const repeated = batchCustomId('r-1~x', body, 2);
    expect(repeated).toBe(`r-1~x~r2${key.slice(key.lastIndexOf('~'))}`);
    expect(parseBatchCustomId(repeated, true)).toEqual({ rowId: 'r-1~x', repeat: 2, key });
    expect(parseBatchCustomId(key, false)).toEqual({ rowId: 'r-1~x', key });
    expect(parseBatchCustomId(key, true)).toBeUndefined();
    expect(batchCustomId('r', { ...body, seed: 4 }, 2)).not.toBe(batchCustomId('r', body, 2));
  });
});
