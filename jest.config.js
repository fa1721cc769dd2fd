/* global require, module */
const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // jest's default (cores - 1) runs a 2-core machine in band, one core idle while in-process tests compute; two workers
  // use both (no test shares state across files: fakes listen on port 0, files write under their own temporary folders)
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type errors are caught by `npm run typecheck`; tests only transpile, which keeps them fast.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // spawned CLI tests run dist/: rebuild it when src/ is newer, never test a stale build
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  // the run's temporary folders live under one that globalSetup makes (TMPDIR) and this removes
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/helpers/keep-exit-code.ts'],
};
