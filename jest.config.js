// ts-jest ESM preset: tests import the TypeScript sources directly (see actions/typescript-action).
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }]
  },
  testTimeout: 60000,
  // The end-to-end files mostly wait on sockets and retry back-offs, not the CPU: on a 2-core runner jest's
  // default (cores - 1 = one worker) runs them one after another.
  maxWorkers: 3,
  verbose: false
}
