import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicFileWriter } from '../rundir/atomic-file';

/** Streams a downloaded body into DIR/NAME, which appears whole or not at all. */
export async function atomicDownload(directory: string, name: string, response: Response): Promise<string> {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, name);
  const writer = AtomicFileWriter.open(path);
  try {
    const decoder = new TextDecoder();
    if (response.body !== null)
      for await (const chunk of response.body) writer.write(decoder.decode(chunk as Uint8Array, { stream: true }));
    writer.write(decoder.decode());
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return path;
}
