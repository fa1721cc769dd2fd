import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../scoring/types';

/** $XDG_CACHE_HOME/shopeval/embeddings, else ~/.cache/shopeval/embeddings. */
export function defaultEmbeddingCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const base = environment['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'shopeval', 'embeddings');
}

export interface CachedEmbedderOptions {
  readonly directory: string;
  /**
   * Everything that decides the vectors: backend, endpoint, model name, and for local models the hash of the model
   * file and the pooling settings. Two embedders with the same identity must give the same vectors.
   */
  readonly identity: string;
}

interface CacheEntry {
  readonly text: string;
  readonly vector: readonly number[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

async function readEntry(path: string, text: string): Promise<readonly number[] | undefined> {
  try {
    const entry = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheEntry>;
    return entry.text === text && Array.isArray(entry.vector) ? entry.vector : undefined;
  } catch {
    return undefined; // missing or half-written by a crashed run: embed again
  }
}

async function writeEntry(path: string, directory: string, entry: CacheEntry): Promise<void> {
  await mkdir(directory, { recursive: true });
  // write then rename, so that a concurrent run never reads a partial file
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(entry));
  await rename(temporary, path);
}

/** Wraps an Embedder with an on-disk cache: one JSON file per (identity, text); only missing texts reach `inner`. */
export function createCachedEmbedder(inner: Embedder, options: CachedEmbedderOptions): Embedder {
  const root = join(options.directory, sha256(options.identity).slice(0, 24));
  let identityWritten = false;
  const locate = (text: string): { directory: string; path: string } => {
    const key = sha256(text);
    const directory = join(root, key.slice(0, 2));
    return { directory, path: join(directory, `${key}.json`) };
  };
  return {
    description: inner.description,
    async embed(texts) {
      const vectors = await Promise.all(texts.map((text) => readEntry(locate(text).path, text)));
      const missing = [...new Set(texts.filter((_, index) => vectors[index] === undefined))];
      if (missing.length > 0) {
        const fresh = await inner.embed(missing);
        if (fresh.length !== missing.length) {
          throw new Error(`${inner.description} returned ${fresh.length} embeddings for ${missing.length} texts`);
        }
        if (!identityWritten) {
          await mkdir(root, { recursive: true });
          await writeFile(join(root, 'identity.txt'), `${options.identity}\n`);
          identityWritten = true;
        }
        const byText = new Map(missing.map((text, index) => [text, fresh[index] ?? []]));
        await Promise.all(
          missing.map((text) => {
            const { directory, path } = locate(text);
            return writeEntry(path, directory, { text, vector: byText.get(text) ?? [] });
          }),
        );
        texts.forEach((text, index) => (vectors[index] ??= byText.get(text)));
      }
      return vectors.map((vector) => vector ?? []);
    },
  };
}
