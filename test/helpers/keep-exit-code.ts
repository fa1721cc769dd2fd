// On a 2-core machine jest runs the files in band, in its own process: a CLI command called in-process by a test (or
// work it left running) may set process.exitCode, which would become jest's exit code although every test passed.
// Each file's end puts it back; tests read a command's status from the harness (test/helpers/cli.ts), never from here.
const before = process.exitCode;
afterAll(() => {
  process.exitCode = before;
});
