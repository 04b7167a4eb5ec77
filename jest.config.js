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
  globalSetup: '<rootDir>/scripts/fresh-bundle.mjs',
  testTimeout: 60000,
  // The integration files mostly wait (on the sandbox, on retries): three at once keep two cores busy.
  maxWorkers: 3,
  verbose: false
}
