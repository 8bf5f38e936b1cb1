// `pnpm bench:web`: builds the SPA and measures the JavaScript each page needs before it shows.
// For a page that is the entry (index.html) plus the page's own module (and the app layout for
// pages behind the login, and the rest of the Russian dictionary for pages outside the shell),
// each with every chunk it imports statically, transitively: what the browser fetches before
// the page renders. Chunks are gzipped at level 9. Exits 1 when the login
// page or the dashboard is over 120 KB gzipped, or any page loads a chunk over 150 KB gzipped.
//   --no-build  measure apps/web/dist as it is
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pnpm, root } from "./lib.mjs";

const INITIAL_LIMIT_KB = 120;
const CHUNK_LIMIT_KB = 150;
const ENTRY = "index.html";
const LAYOUT = "src/app/AppLayout.tsx";
const LOGIN = "src/features/auth/LoginPage.tsx";
const DASHBOARD = "src/features/dashboard/DashboardPage.tsx";
/** Pages whose first load has a budget; every page has the chunk limit. */
const BUDGETED = new Map([
  ["login", LOGIN],
  ["dashboard", DASHBOARD],
]);
/**
 * The initial load has only the shell's Russian strings (login, layout, dashboard); every other
 * page waits for the rest of the Russian dictionary as well (see router.tsx).
 */
const SHELL_PAGES = [LOGIN, DASHBOARD];
const RUSSIAN = "src/i18n/ru.ts";

const dist = path.join(root, "apps/web/dist");
if (!process.argv.includes("--no-build")) pnpm(["--filter", "@crm/web", "build"]);

const manifest = JSON.parse(fs.readFileSync(path.join(dist, ".vite/manifest.json"), "utf8"));

const sizes = new Map();
/** Raw and gzipped bytes of one emitted file. */
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = fs.readFileSync(path.join(dist, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, size);
  }
  return size;
}

/** Manifest keys of the given chunks and of everything they import statically. */
function staticClosure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return seen;
}

/** The router's lazy modules: every page, and the layout around those behind the login. */
const lazyRoutes = (manifest[ENTRY].dynamicImports ?? []).filter((key) => key.startsWith("src/"));
/** Dictionaries loaded on demand: another language when chosen, Russian beyond the shell. */
const languagePacks = Object.keys(manifest).filter(
  (key) => key.startsWith("src/i18n/") && manifest[key].isDynamicEntry,
);
const routePages = lazyRoutes.filter((key) => key !== LAYOUT && !languagePacks.includes(key));

/** Chunks a page can load later by itself (a chart), not counting other pages. */
function lazyClosure(keys) {
  const lazy = new Set();
  for (const key of keys) {
    for (const imported of manifest[key].dynamicImports ?? []) {
      if (!lazyRoutes.includes(imported) && !languagePacks.includes(imported)) lazy.add(imported);
    }
  }
  return staticClosure(lazy);
}

const pageName = (key) => path.basename(key, ".tsx");
const kb = (bytes) => bytes / 1024;
const fmt = (bytes) => kb(bytes).toFixed(1);

const pages = routePages.map((key) => {
  const roots = key === LOGIN ? [ENTRY, key] : [ENTRY, LAYOUT, key];
  if (!SHELL_PAGES.includes(key)) roots.push(RUSSIAN);
  const chunks = [...staticClosure(roots)].map((chunk) => manifest[chunk].file);
  const later = [...lazyClosure(staticClosure([key]))]
    .map((chunk) => manifest[chunk].file)
    .filter((file) => !chunks.includes(file));
  const total = chunks.reduce(
    (sum, file) => ({ raw: sum.raw + sizeOf(file).raw, gzip: sum.gzip + sizeOf(file).gzip }),
    { raw: 0, gzip: 0 },
  );
  const largest = [...chunks, ...later].reduce((max, file) =>
    sizeOf(file).gzip > sizeOf(max).gzip ? file : max,
  );
  return { key, name: pageName(key), chunks, total, largest };
});

function table(header, rows) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  rows.forEach((row) => console.log(line(row)));
}

let failed = false;
const verdict = (ok) => {
  if (!ok) failed = true;
  return ok ? "pass" : "FAIL";
};

console.log("\n<!-- summary -->");
console.log(`\nInitial JavaScript per page (static imports, gzip level 9), ${dist}:\n`);
table(
  ["page", "chunks", "raw KB", "gzip KB", "target KB", "result"],
  [...BUDGETED].map(([name, key]) => {
    const page = pages.find((candidate) => candidate.key === key);
    if (!page) throw new Error(`${key} is not a lazy route page`);
    const ok = kb(page.total.gzip) <= INITIAL_LIMIT_KB;
    return [
      name,
      String(page.chunks.length),
      fmt(page.total.raw),
      fmt(page.total.gzip),
      String(INITIAL_LIMIT_KB),
      verdict(ok),
    ];
  }),
);

console.log(`\nLargest chunk each page loads (its own lazy chunks included):\n`);
table(
  ["page", "initial gzip KB", "largest chunk", "gzip KB", "limit KB", "result"],
  pages
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((page) => [
      page.name,
      fmt(page.total.gzip),
      path.basename(page.largest),
      fmt(sizeOf(page.largest).gzip),
      String(CHUNK_LIMIT_KB),
      verdict(kb(sizeOf(page.largest).gzip) <= CHUNK_LIMIT_KB),
    ]),
);

const entryFiles = [...staticClosure([ENTRY])].map((chunk) => manifest[chunk].file);
console.log(
  `\nDictionaries loaded on demand (the shell's Russian strings are in the initial load; the rest of Russian comes with the first other page, counted in its figure above):\n`,
);
table(
  ["language pack", "chunks", "gzip KB"],
  languagePacks.map((key) => {
    const files = [...staticClosure([key])]
      .map((chunk) => manifest[chunk].file)
      .filter((file) => !entryFiles.includes(file));
    return [key, String(files.length), fmt(files.reduce((sum, f) => sum + sizeOf(f).gzip, 0))];
  }),
);

console.log(failed ? "\nbench:web: a target is missed" : "\nbench:web: all targets met");
process.exit(failed ? 1 : 0);
