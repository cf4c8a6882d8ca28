/** Four test layers, one suffix each (see DESIGN.md): unit and mocked-SDK tests (*.test.ts),
 * integration against moto_server (*.integ.test.ts), end-to-end through bin/run.js (*.e2e.test.ts). */
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
};
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  maxWorkers: 2,
  // One moto server per worker for the whole run (integration and e2e layers use them).
  globalSetup: '<rootDir>/test/support/moto-global-setup.js',
  globalTeardown: '<rootDir>/test/support/moto-global-teardown.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.integ\\.test\\.ts$', '\\.e2e\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integ',
      testMatch: ['<rootDir>/test/**/*.integ.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-layer.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-layer.js'],
    },
  ],
};
