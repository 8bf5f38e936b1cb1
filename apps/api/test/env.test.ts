import { parseEnv } from "../src/env";

describe("environment", () => {
  it("has defaults that run the embedded product", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_URL: "file:./data/crm.db",
      ACCESS_TOKEN_EXPIRE_MINUTES: 60,
      RATE_LIMIT_MAX: 100,
      RATE_LIMIT_WINDOW_SECONDS: 60,
    });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("refuses to start in production without JWT_SECRET", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /JWT_SECRET: JWT_SECRET is required in production/,
    );
  });

  it("never seeds demo data in production", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", JWT_SECRET: "x".repeat(40), SEED_DEMO: "true" }),
    ).toThrow(/SEED_DEMO/);
  });

  it("lists every bad field at once", () => {
    let message = "";
    try {
      parseEnv({ PORT: "eighty", JWT_SECRET: "short", ACCESS_TOKEN_EXPIRE_MINUTES: "0" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/ACCESS_TOKEN_EXPIRE_MINUTES/);
  });

  it("takes the phone region as a country code, UZ by default", () => {
    expect(parseEnv({}).PHONE_DEFAULT_REGION).toBe("UZ");
    expect(parseEnv({ PHONE_DEFAULT_REGION: "kz" }).PHONE_DEFAULT_REGION).toBe("KZ");
    expect(() => parseEnv({ PHONE_DEFAULT_REGION: "XX" })).toThrow(/PHONE_DEFAULT_REGION/);
  });

  it("parses the CORS allow-list", () => {
    expect(parseEnv({ CORS_ORIGINS: "https://a.uz, https://b.uz" }).CORS_ORIGINS).toEqual([
      "https://a.uz",
      "https://b.uz",
    ]);
  });
});
