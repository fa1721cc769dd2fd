import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEV_SET, REPO_ROOT } from '../helpers/cli';

/** A user's shell: none of the npm_* variables `npm test` sets, no ONNXRUNTIME_* switch. */
function userEnvironment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/iu.test(name) && !name.startsWith('ONNXRUNTIME')) environment[name] = value;
  }
  return { ...environment, ...extra };
}

// what is not the package's source: the copy packs without them (node_modules is linked, for the bundled dependencies)
const NOT_SOURCE = new Set(['.git', 'node_modules', 'dist', 'fixtures', 'reports', '.cache']);

/**
 * A copy of the package's source to pack: `npm pack` runs prepack (tsc rewrites dist/) and edits package.json until
 * postpack, which must not happen under tests running beside this one in another jest worker.
 */
function sourceCopy(work: string): string {
  const source = join(work, 'source');
  cpSync(REPO_ROOT, source, { recursive: true, filter: (path) => !NOT_SOURCE.has(relative(REPO_ROOT, path)) });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  return source;
}

function run(command: string, args: readonly string[], cwd: string, environment: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd, env: environment, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('shopeval installed from its packed tarball into an empty project, offline', () => {
  let work: string;
  let project: string;
  let environment: NodeJS.ProcessEnv;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'shopeval-pack-'));
    project = join(work, 'consumer');
    environment = userEnvironment({ XDG_CACHE_HOME: join(work, 'cache') });
    // packing builds dist/ (prepack) and strips the prepare script from the packed manifest, in a copy of the source
    const packed = run('npm', ['pack', '--pack-destination', work], sourceCopy(work), environment);
    expect(packed.status).toBe(0);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    spawnSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, tarball ?? '')], project, environment);
    expect(installed.output).not.toMatch(/npm warn|npm error/iu);
    expect(installed.status).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs without the optional local-embedding stack (no transformers.js, onnxruntime or sharp)', () => {
    for (const name of ['@huggingface/transformers', 'onnxruntime-node', 'sharp']) {
      expect(existsSync(join(project, 'node_modules', name))).toBe(false);
    }
  });

  it('prints help with no npm warning', () => {
    const help = run('npx', ['--offline', 'shopeval', '--help'], project, environment);
    expect(help.status).toBe(0);
    expect(help.output).not.toMatch(/npm warn/iu);
    expect(help.output).toContain('shopeval <command>');
  }, 60_000);

  it('scores the dev set with the builtin lexical model', () => {
    const out = join(work, 'run');
    const result = run(
      'npx',
      ['--offline', 'shopeval', 'run', '--data', DEV_SET, '--provider', 'builtin', '--model', 'lexical', '--out', out],
      project,
      environment,
    );
    expect(result.output).not.toMatch(/npm warn/iu);
    expect(result.status).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  }, 120_000);

  it('names the package to add when a local embedder is asked for', () => {
    const model = join(REPO_ROOT, 'fixtures', 'models', 'tiny-encoder');
    const result = run(
      'npx',
      ['--offline', 'shopeval', 'embed', 'a sentence', '--sent-transformer-model', model, '--allow-other-embedding-model'],
      project,
      environment,
    );
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('npm install @huggingface/transformers');
  }, 60_000);
});
