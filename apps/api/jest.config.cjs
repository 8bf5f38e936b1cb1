/** API tests run through HTTP against a real database: TEST_DB=sqlite (default) or postgres. */
module.exports = {
  testEnvironment: "node",
  rootDir: __dirname,
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.[tj]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // ky (under google-spreadsheet) ships only ES modules: compile it like our sources.
  transformIgnorePatterns: ["/node_modules/(?!(\\.pnpm/ky@[^/]+/node_modules/)?ky/)"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  maxWorkers: process.env.CI ? 2 : "50%",
  testTimeout: 30000,
};
