import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExportManifest } from '../../src/batch/batch-export-manifest';
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
  ])('refuses a sidecar with a bad %s, naming the file and the field', (field, manifest) => {
    const requests = join(temporaryDirectory('sidecar'), 'requests.jsonl');
    writeFileSync(`${requests}.shopeval.json`, JSON.stringify(manifest));
    expect(() => readExportManifest(requests)).toThrow(`${requests}.shopeval.json: field ${field}: expected`);
  });
});
