import { execFileSync } from "node:child_process";
import path from "node:path";
import { isoInstant, isoInstantOrNull } from "@crm/core";

const sqlModule = path.resolve(__dirname, "../../../packages/core/src/sql.ts");

/**
 * How a process in `zone` reads timestamps. The zone is fixed when the process starts, and Jest's
 * sandbox does not pass a changed TZ through to this process, so the readings come from a child.
 */
function readIn(zone: string, values: string[]): string[] {
  const script = `
    const { date, isoInstant } = require(${JSON.stringify(sqlModule)});
    const values = ${JSON.stringify(values)};
    console.log(JSON.stringify(values.flatMap((value) => [date(value).toISOString(), isoInstant(value)])));`;
  const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
    env: { ...process.env, TZ: zone },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as string[];
}

describe("timestamps from the database", () => {
  it("reads SQLite's plain text (CURRENT_TIMESTAMP, datetime()) as UTC in any server time zone", () => {
    const plain = ["2026-01-02 03:04:05", "2026-01-02 03:04:05.678"];
    for (const zone of ["Asia/Tashkent", "America/New_York", "UTC"]) {
      expect(readIn(zone, plain)).toEqual([
        "2026-01-02T03:04:05.000Z",
        "2026-01-02T03:04:05.000Z",
        "2026-01-02T03:04:05.678Z",
        "2026-01-02T03:04:05.678Z",
      ]);
    }
  });

  it("carries Prisma's SQLite text, Dates and the contract's own text as ISO-8601 UTC", () => {
    expect(isoInstant("2026-01-02T03:04:05.678+00:00")).toBe("2026-01-02T03:04:05.678Z");
    expect(isoInstant("2026-01-02T03:04:05.678Z")).toBe("2026-01-02T03:04:05.678Z");
    expect(isoInstant(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02T03:04:05.000Z");
    // An offset other than UTC is converted, not copied.
    expect(isoInstant("2026-01-02T08:04:05.000+05:00")).toBe("2026-01-02T03:04:05.000Z");
    expect(isoInstantOrNull(null)).toBeNull();
  });
});
