/** The variable naming this test run's temporary folder (set by globalSetup, removed with it by globalTeardown). */
export const TEST_TEMPORARY_ROOT = 'SHOPEVAL_TEST_TMPDIR';
/** Set to 1 to keep the test run's temporary folder for a look after a failure. */
export const KEEP_TEST_TEMPORARY_ROOT = 'SHOPEVAL_KEEP_TEST_TMPDIR';
