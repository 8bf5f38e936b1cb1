// Where the API's time goes: reads a V8 CPU profile written by a bench run with
// BENCH_PROFILE=<dir> (node --cpu-prof on the built API) and prints self time grouped by where
// the code lives (our code, each package, Node's internals, the garbage collector), then the
// hottest functions.
//   tsx bench/profile-summary.ts <file.cpuprofile | dir> [top=25]
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const target = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!target) {
  console.error("usage: profile-summary.ts <file.cpuprofile | dir> [top]");
  process.exit(2);
}
const file = fs.statSync(target).isDirectory()
  ? fs
      .readdirSync(target)
      .filter((name) => name.endsWith(".cpuprofile"))
      .map((name) => path.join(target, name))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
  : target;
if (!file) throw new Error(`no .cpuprofile in ${target}`);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

/** The bundle inlines our workspace packages; esbuild keeps their paths in comments only, so
 * bundled frames are "api (bundle)" and everything under node_modules is named by package. */
function area(url: string, name: string): string {
  if (name === "(garbage collector)") return "garbage collector";
  if (name === "(idle)" || name === "(program)" || name === "(root)") return name;
  if (!url) return "native (V8 builtins, C++ bindings)";
  if (url.startsWith("node:")) return `node: ${url.slice(5).split("/")[0]}`;
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes("/dist/server.js")) return "api (bundle)";
  return path.basename(url);
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
let busy = 0;
for (const [id, ms] of selfMs) {
  const { callFrame } = byId.get(id)!;
  const where = area(callFrame.url, callFrame.functionName);
  if (where === "(idle)") continue;
  busy += ms;
  areas.set(where, (areas.get(where) ?? 0) + ms);
  const fn = `${callFrame.functionName || "(anonymous)"} ${where === "api (bundle)" ? `dist/server.js:${callFrame.lineNumber + 1}` : where}`;
  functions.set(fn, (functions.get(fn) ?? 0) + ms);
}

const table = (title: string, rows: Map<string, number>, limit: number) => {
  console.log(`\n| ${title.padEnd(60)} | busy ms |  share |`);
  console.log(`| ${"-".repeat(60)} | ------: | -----: |`);
  for (const [name, ms] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(
      `| ${name.slice(0, 60).padEnd(60)} | ${ms.toFixed(0).padStart(7)} | ${((ms / busy) * 100).toFixed(1).padStart(5)} % |`,
    );
  }
};
console.log(`${path.basename(file)}: ${busy.toFixed(0)} ms busy (idle excluded)`);
table("where (self time)", areas, 20);
table("function (self time)", functions, top);
