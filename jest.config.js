// Jest 30 on native ESM (NODE_OPTIONS=--experimental-vm-modules is passed by
// the npm scripts). @swc/jest strips types and keeps ES modules, because
// @kubernetes/client-node 2.x is ESM-only and cannot be required.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2024' },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  // The clusters' state (a real node's container filesystems among it) is no source.
  modulePathIgnorePatterns: ['<rootDir>/.cluster/', '<rootDir>/.demo/', '<rootDir>/.tools/'],
};

export default {
  // A global option: Jest ignores it inside a project. Cluster tests wait on
  // real controllers; unit tests finish in milliseconds either way.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/golden/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
};
