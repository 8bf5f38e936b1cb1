import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * The verifiable part of a prize draw, with nothing but SHA-256 and HMAC-SHA256 so anyone can
 * recompute it (scripts/verify-draw.mjs does, without this code). The words are in the
 * contracts (DRAW_ALGORITHM); the reasoning in docs/decisions/009-verifiable-prize-draw.md.
 */
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** 32 random bytes as 64 hex characters: the secret fixed when a draw is created. */
export const newSeed = () => randomBytes(32).toString("hex");

/** Published at creation; the seed revealed at the draw must hash to it. */
export const commitmentOf = (seed: string) => sha256Hex(seed);

/** The hash of the frozen list: each ticket number on its own line, in list order. */
export const entriesHashOf = (tickets: readonly number[]) =>
  sha256Hex(tickets.map((ticket) => `${ticket}\n`).join(""));

/**
 * A partial Fisher–Yates shuffle driven by HMAC-SHA256(seed, entriesHash:i); the first
 * `count` positions are the winners, first place first. `r mod n` is uniform to within
 * n / 2^64 (under 10^-12 for any list a draw will have).
 */
export function pickWinners(
  seed: string,
  entriesHash: string,
  tickets: readonly number[],
  count: number,
): number[] {
  const list = [...tickets];
  const picks = Math.min(count, list.length);
  for (let i = 0; i < picks; i += 1) {
    const digest = createHmac("sha256", seed).update(`${entriesHash}:${i}`, "utf8").digest();
    const r = digest.readBigUInt64BE(0);
    const j = i + Number(r % BigInt(list.length - i));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list.slice(0, picks);
}
