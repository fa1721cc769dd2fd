/** Runs the fake OpenAI-compatible server in its own process (so the benchmark measures the harness, not the fake). */
import { startFakeOpenAIServer } from '../../test/fakes/fake-openai-server';

const latencyMs = Number(process.argv[2] ?? '0');
startFakeOpenAIServer({ answer: () => '1', latencyMs })
  .then((server) => {
    process.stdout.write(`${server.url}\n`);
    process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
