/** Worker tests run against the real queue (local Redis, own key prefix) and a real SQLite file. */
module.exports = {
  testEnvironment: "node",
  rootDir: __dirname,
  testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // Workspace packages ship TypeScript sources; when resolved through node_modules they must
  // still be transformed.
  transformIgnorePatterns: ["/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?@crm/)"],
  testTimeout: 30000,
};
