// Bundles a Node app (api, worker, bot) into dist/ with esbuild: our workspace packages
// (@crm/*, shipped as TypeScript) are compiled in; every other package stays an external
// require resolved from the app's own node_modules at run time (native modules, Prisma runtime).
//   node ../../scripts/bundle-app.mjs src/server.ts
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const entry = process.argv[2];
if (!entry) {
  console.error("usage: bundle-app.mjs <entry.ts>");
  process.exit(2);
}
const appDir = process.cwd();
const requireFromApp = createRequire(path.join(appDir, "package.json"));
// esbuild is a devDependency of each app, so load it from there.
const { build } = requireFromApp("esbuild");
const externals = new Set();

const workspaceOnly = {
  name: "workspace-only",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@crm/") || args.path.startsWith("node:")) return undefined;
      const name = args.path.startsWith("@")
        ? args.path.split("/").slice(0, 2).join("/")
        : args.path.split("/")[0];
      externals.add(name);
      return { path: args.path, external: true };
    });
  },
};

const outfile = path.join(appDir, "dist", path.basename(entry).replace(/\.ts$/, ".js"));
await build({
  entryPoints: [path.join(appDir, entry)],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  plugins: [workspaceOnly],
});

// Files read from a package at run time (`require.resolve("swagger-ui-dist/package.json")`,
// fonts) are not imports, so esbuild leaves them alone: they are externals all the same.
for (const [, request] of fs
  .readFileSync(outfile, "utf8")
  .matchAll(/require\.resolve\(\s*["']([^"'./][^"']*)["']/g)) {
  externals.add(
    request.startsWith("@") ? request.split("/").slice(0, 2).join("/") : request.split("/")[0],
  );
}

// Fail the build, not the first request in production, when an external is not installed
// for this app (pnpm is strict: a package must be a dependency of the app to be found).
const builtins = new Set((await import("node:module")).builtinModules);
const missing = [...externals].filter((name) => {
  if (builtins.has(name)) return false;
  try {
    requireFromApp.resolve(`${name}/package.json`);
    return false;
  } catch {
    try {
      requireFromApp.resolve(name);
      return false;
    } catch {
      return true;
    }
  }
});
if (missing.length) {
  console.error(
    `${path.basename(appDir)}: add these to package.json dependencies: ${missing.join(", ")}`,
  );
  process.exit(1);
}
console.log(
  `bundled ${path.relative(process.cwd(), outfile)} (${(fs.statSync(outfile).size / 1024).toFixed(0)} KiB)`,
);
