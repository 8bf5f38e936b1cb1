import type { Db } from "./client";

export const ROLE_NAMES = {
  ADMIN: "Админ",
  SELLER: "Продажник",
  MOP: "МОП",
  ROP: "РОП",
  FINANCIER: "Финансист",
} as const;

/** Roles every installation needs. Idempotent. */
export async function seedRoles(db: Db): Promise<void> {
  for (const [code, name] of Object.entries(ROLE_NAMES)) {
    await db.role.upsert({
      where: { code: code as keyof typeof ROLE_NAMES },
      create: { code: code as keyof typeof ROLE_NAMES, name },
      update: {},
    });
  }
}

/** Small deterministic PRNG (mulberry32): demo data, benchmarks and property tests repeat exactly. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
