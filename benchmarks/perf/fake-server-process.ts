/**
 * Runs the fake OpenAI-compatible server in its own process (so the benchmark measures the harness, not the fake).
 * Arguments: latency in ms, and optionally a file that receives, on SIGTERM, the arrival time (Date.now) of every
 * generation call, for the benchmark's timeline.
 */
import { writeFileSync } from 'node:fs';
import { startFakeOpenAIServer } from '../../test/fakes/fake-openai-server';

const latencyMs = Number(process.argv[2] ?? '0');
const timelineFile = process.argv[3];
const arrivals: number[] = [];
startFakeOpenAIServer({
  answer: () => '1',
  latencyMs: () => {
    arrivals.push(Date.now());
    return latencyMs;
  },
})
  .then((server) => {
    process.stdout.write(`${server.url}\n`);
    process.on('SIGTERM', () => {
      if (timelineFile !== undefined) writeFileSync(timelineFile, JSON.stringify(arrivals));
      void server.close().then(() => process.exit(0));
    });
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
