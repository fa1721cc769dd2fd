// A file run in band (jest --runInBand, or one test file) runs in jest's own process: a CLI command called in-process by a
// test (or work it left running) may set process.exitCode, which would become jest's exit code although every test passed.
// Each file's end puts it back and fails the file that left it, naming it; tests read a command's status from the
// harness (test/helpers/cli.ts), never from here.
const before = process.exitCode;
afterAll(() => {
  const left = process.exitCode;
  process.exitCode = before;
  if (left !== before) {
    const file = expect.getState().testPath ?? 'this test file';
    throw new Error(
      `${file} left process.exitCode = ${String(left)} (was ${String(before)}): a CLI command ran in-process outside test/helpers/cli.ts, or work it started outlived its test`,
    );
  }
});
