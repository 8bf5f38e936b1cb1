#!/usr/bin/env node
// Recomputes a prize draw from what it published, with nothing but Node's crypto: the seed's
// hash against the commitment, the entries' hash against the list, and the winners.
// Usage: node scripts/verify-draw.mjs <draw.json | http(s)://…/api/public/draws/ID>
// (docs/decisions/009-verifiable-prize-draw.md)
import { createHash, createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";

const source = process.argv[2];
if (!source) {
  console.error("usage: node scripts/verify-draw.mjs <draw.json | URL of /api/public/draws/ID>");
  process.exit(2);
}
const draw = /^https?:\/\//.test(source)
  ? await (await fetch(source)).json()
  : JSON.parse(await readFile(source, "utf8"));

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");
const entriesHash = sha256(draw.entries.map((ticket) => `${ticket}\n`).join(""));
const checks = [];
const check = (name, ok) => checks.push({ name, ok });

check(
  "entries hash matches the list",
  draw.entriesHash === null || draw.entriesHash === entriesHash,
);
if (draw.seed === null) {
  console.log(`Not drawn yet (status ${draw.status}); commitment ${draw.commitment}`);
} else {
  check("SHA-256(seed) equals the commitment", sha256(draw.seed) === draw.commitment);
  const list = [...draw.entries];
  const picks = Math.min(draw.winnersCount, list.length);
  for (let i = 0; i < picks; i += 1) {
    const digest = createHmac("sha256", draw.seed).update(`${entriesHash}:${i}`, "utf8").digest();
    const j = i + Number(digest.readBigUInt64BE(0) % BigInt(list.length - i));
    [list[i], list[j]] = [list[j], list[i]];
  }
  const winners = list.slice(0, picks);
  const published = draw.winners.map((winner) => winner.ticket);
  check(
    "winners recomputed equal the published ones",
    JSON.stringify(winners) === JSON.stringify(published),
  );
  console.log(`Winners (tickets, first place first): ${winners.join(", ") || "none"}`);
}
for (const { name, ok } of checks) console.log(`${ok ? "OK  " : "FAIL"} ${name}`);
process.exit(checks.every((c) => c.ok) ? 0 : 1);
