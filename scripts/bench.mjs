// `pnpm bench`: every benchmark in one run — the lead list and the шахматка on SQLite and on
// PostgreSQL, the public endpoint and the SPA's JavaScript — then the README's performance
// figures are rewritten from this run (between the `bench:begin` and `bench:end` marks), with
// the machine and the run named. Each bench prints `<!-- summary -->` before its own tables.
//   --no-readme   print only; BENCH_LEADS, BENCH_SECONDS… are passed on to the benches
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const readme = path.join(root, "README.md");
const writeReadme = !process.argv.includes("--no-readme");

const steps = [
  ["Lead list, search and statistics — SQLite", ["--filter", "@crm/api", "bench:leads"]],
  [
    "Lead list, search and statistics — PostgreSQL",
    ["--filter", "@crm/api", "bench:leads", "--db=postgres"],
  ],
  ["The шахматка — SQLite", ["--filter", "@crm/api", "bench:inventory"]],
  ["The шахматка — PostgreSQL", ["--filter", "@crm/api", "bench:inventory", "--db=postgres"]],
  ["Public complex endpoint", ["--filter", "@crm/api", "bench:public"]],
  ["The SPA's JavaScript", ["bench:web"]],
];

/** Runs one bench, echoing its output; resolves with the output and its exit code. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn("pnpm", args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      out += chunk.toString();
    });
    child.on("exit", (code) => resolve({ out, code: code ?? 1 }));
  });
}

const started = new Date();
const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
  } catch {
    return "unknown";
  }
})();
const cpus = os.cpus();
const machine = `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}`;

const sections = [];
let failed = 0;
for (const [title, args] of steps) {
  console.log(`\n=== ${title}: pnpm ${args.join(" ")}\n`);
  const { out, code } = await run(args);
  const mark = out.lastIndexOf("<!-- summary -->");
  const summary = (mark >= 0 ? out.slice(mark + "<!-- summary -->".length) : out)
    .split("\n")
    .filter((line) => !line.startsWith(">") && !line.includes("ELIFECYCLE"))
    .join("\n")
    .trim();
  if (code !== 0) failed += 1;
  sections.push(
    `#### ${title}\n\n${summary || "(no figures)"}${code !== 0 ? `\n\n(exit code ${code}: see the text above for the target missed or the error)` : ""}`,
  );
}
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(0);
const block = [
  "<!-- bench:begin (written by `pnpm bench`; edit scripts/bench.mjs, not these lines) -->",
  `Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC on commit \`${commit}\`, ${minutes} min in all. Machine: ${machine}; load average at the start ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ")}.`,
  "",
  sections.join("\n\n"),
  "<!-- bench:end -->",
].join("\n");

console.log(`\n${block}\n`);
if (writeReadme) {
  const text = fs.readFileSync(readme, "utf8");
  const begin = text.indexOf("<!-- bench:begin");
  const end = text.indexOf("<!-- bench:end -->");
  if (begin < 0 || end < 0) {
    console.error("README.md has no bench:begin / bench:end marks; figures not written");
    process.exit(1);
  }
  fs.writeFileSync(
    readme,
    text.slice(0, begin) + block + text.slice(end + "<!-- bench:end -->".length),
  );
  // The tables as the house formats them (CI checks README.md with prettier).
  execFileSync("pnpm", ["exec", "prettier", "--write", "README.md"], {
    cwd: root,
    stdio: "ignore",
  });
  console.log("README.md: performance figures rewritten from this run");
}
process.exit(failed ? 1 : 0);
