import { signAccessToken, verifyAccessToken } from "../src/lib/tokens";

const SECRET = "tokens-test-secret-tokens-test-secret";
const claims = { login: "seller.one", role: "SELLER" as const, tokenVersion: 3, sessionId: "s-1" };

describe("verifyAccessToken (signatures remembered, expiry checked on every use)", () => {
  afterEach(() => jest.useRealTimers());

  it("gives the same claims on the first and the remembered verification", () => {
    const token = signAccessToken(SECRET, claims, new Date(Date.now() + 60_000));
    const first = verifyAccessToken(SECRET, token);
    expect(first).toMatchObject({ sub: "seller.one", role: "SELLER", ver: 3, sid: "s-1" });
    expect(verifyAccessToken(SECRET, token)).toEqual(first);
  });

  it("refuses a remembered token once it expires", () => {
    jest.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    const token = signAccessToken(SECRET, claims, new Date("2026-12-01T10:01:00Z"));
    expect(verifyAccessToken(SECRET, token)).not.toBeNull();
    jest.setSystemTime(new Date("2026-12-01T10:00:59Z"));
    expect(verifyAccessToken(SECRET, token)).not.toBeNull();
    jest.setSystemTime(new Date("2026-12-01T10:01:00Z"));
    expect(verifyAccessToken(SECRET, token)).toBeNull();
    expect(verifyAccessToken(SECRET, token)).toBeNull();
  });

  it("refuses a remembered token under another secret, and a forged or altered one", () => {
    const token = signAccessToken(SECRET, claims, new Date(Date.now() + 60_000));
    expect(verifyAccessToken(SECRET, token)).not.toBeNull();
    expect(verifyAccessToken(`${SECRET}-rotated`, token)).toBeNull();
    const [head, body, signature] = token.split(".");
    const admin = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), role: "ADMIN" }),
    ).toString("base64url");
    expect(verifyAccessToken(SECRET, `${head}.${admin}.${signature}`)).toBeNull();
    const forged = signAccessToken(
      "another-secret-another-secret-another",
      claims,
      new Date(Date.now() + 60_000),
    );
    expect(verifyAccessToken(SECRET, forged)).toBeNull();
  });
});
