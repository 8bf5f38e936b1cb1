import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import request from "supertest";
import { instagram, instagramConfigFromEnv, type InstagramConfig } from "@crm/core";
import { jobRegistry, createMailer } from "@crm/jobs";
import { useTestContext } from "./harness";

const ctx = useTestContext();

const APP_SECRET = "test-app-secret";
const TOKEN_KEY = crypto.randomBytes(32).toString("hex");
const DAY = 86_400_000;

/** A local stand-in for Instagram's OAuth and Graph endpoints; it records every call. */
interface FakeInstagram {
  url: string;
  calls: { path: string; query: URLSearchParams; body: string }[];
  refreshFails: boolean;
  close(): Promise<void>;
}

async function fakeInstagram(): Promise<FakeInstagram> {
  const fake = { calls: [], refreshFails: false } as unknown as FakeInstagram;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      fake.calls.push({ path: url.pathname, query: url.searchParams, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (url.pathname === "/oauth/access_token" && req.method === "POST") {
        const form = new URLSearchParams(body);
        if (form.get("code") !== "good-code" || form.get("client_secret") !== APP_SECRET) {
          return json(400, { error_type: "OAuthException", error_message: "Invalid code" });
        }
        return json(200, { access_token: "short-token", user_id: "17841400000000001" });
      }
      if (url.pathname === "/access_token") {
        if (url.searchParams.get("access_token") !== "short-token") return json(400, {});
        return json(200, {
          access_token: "long-token-1",
          token_type: "bearer",
          expires_in: 5_184_000,
        });
      }
      if (url.pathname === "/me") {
        return json(200, { user_id: "17841400000000001", username: "yangi_hayot_uz" });
      }
      if (url.pathname === "/refresh_access_token") {
        if (fake.refreshFails) return json(400, { error: { message: "Session has expired" } });
        if (!url.searchParams.get("access_token")?.startsWith("long-token")) return json(400, {});
        return json(200, {
          access_token: "long-token-2",
          token_type: "bearer",
          expires_in: 5_184_000,
        });
      }
      json(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let fake: FakeInstagram;
let config: InstagramConfig;
let app: ReturnType<typeof ctx.appWith>;

beforeAll(async () => {
  fake = await fakeInstagram();
  const instagramSettings = instagramConfigFromEnv(
    {
      INSTAGRAM_CLIENT_ID: "1234567890",
      INSTAGRAM_CLIENT_SECRET: APP_SECRET,
      INSTAGRAM_REDIRECT_URI: "https://crm.example.uz/admin/marketing",
      INSTAGRAM_TOKEN_KEY: TOKEN_KEY,
      INSTAGRAM_VERIFY_TOKEN: "verify-me",
      INSTAGRAM_SCOPES: "instagram_business_basic,instagram_business_manage_messages",
      INSTAGRAM_AUTHORIZE_URL: `${fake.url}/oauth/authorize`,
      INSTAGRAM_OAUTH_URL: fake.url,
      INSTAGRAM_GRAPH_URL: fake.url,
    },
    ctx.deps.config.jwtSecret,
  );
  config = instagramSettings.config!;
  app = ctx.appWith({ instagram: instagramSettings });
});
afterAll(() => fake.close());

async function admin() {
  const { user, token } = await ctx.loginAs("ADMIN");
  const agent = request.agent(app).set("Authorization", `Bearer ${token}`);
  return { user, agent };
}

async function startConnect(agent: request.Agent) {
  const res = await agent.post("/api/instagram/connect").send();
  expect(res.status).toBe(200);
  return new URL(res.body.authorizeUrl as string);
}

describe("connecting Instagram", () => {
  it("builds the authorize URL, exchanges the code for a long-lived token and keeps it encrypted", async () => {
    const { agent } = await admin();
    const url = await startConnect(agent);
    expect(url.pathname).toBe("/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("1234567890");
    expect(url.searchParams.get("redirect_uri")).toBe("https://crm.example.uz/admin/marketing");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("scope")).toBe(
      "instagram_business_basic,instagram_business_manage_messages",
    );
    const state = url.searchParams.get("state")!;

    const res = await agent.post("/api/instagram/callback").send({ state, code: "good-code" });
    expect(res.status).toBe(200);
    expect(res.body.connection).toMatchObject({
      accountId: "17841400000000001",
      username: "yangi_hayot_uz",
      status: "ACTIVE",
    });
    const expires = new Date(res.body.connection.expiresAt).getTime();
    expect(expires).toBeGreaterThan(Date.now() + 59 * DAY);

    const row = await ctx.db.instagramConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.tokenCipher).not.toContain("long-token");
    expect(Buffer.from(row.tokenCipher, "base64").toString("latin1")).not.toContain("long-token");
    expect(await instagram.accessToken(ctx.db, config)).toBe("long-token-1");
    expect(await ctx.db.auditLog.count({ where: { action: "instagram.connect" } })).toBeGreaterThan(
      0,
    );
    const status = await agent.get("/api/instagram");
    expect(JSON.stringify(status.body)).not.toContain("long-token");
  });

  it("refuses a forged state, and a state from another session", async () => {
    const { agent } = await admin();
    const url = await startConnect(agent);
    const state = url.searchParams.get("state")!;
    const [payload] = state.split(".");
    const forged = await agent
      .post("/api/instagram/callback")
      .send({ state: `${payload}.AAAA`, code: "good-code" });
    expect(forged.status).toBe(403);
    const other = await admin();
    const stolen = await other.agent
      .post("/api/instagram/callback")
      .send({ state, code: "good-code" });
    expect(stolen.status).toBe(403);
  });

  it("refuses an expired state", async () => {
    const { user } = await admin();
    const session = await ctx.db.session.findFirstOrThrow({ where: { userId: user.id } });
    const old = instagram.authorizeUrl(config, session.id, new Date(Date.now() - 11 * 60_000));
    const state = new URL(old.authorizeUrl).searchParams.get("state")!;
    await expect(
      instagram.completeConnection(ctx.db, config, {
        actor: { id: user.id },
        sessionId: session.id,
        state,
        code: "good-code",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      detail: expect.stringMatching(/expired/),
    });
  });

  it("stops at a denied consent without calling Instagram or storing anything", async () => {
    await ctx.db.instagramConnection.deleteMany();
    const { agent } = await admin();
    const state = (await startConnect(agent)).searchParams.get("state")!;
    const before = fake.calls.length;
    const res = await agent.post("/api/instagram/callback").send({
      state,
      error: "access_denied",
      error_reason: "user_denied",
      error_description: "The user denied your request.",
    });
    expect(res.status).toBe(400);
    expect(fake.calls.length).toBe(before);
    expect(await ctx.db.instagramConnection.count()).toBe(0);
  });

  it("says it is not configured without a token key", async () => {
    const bare = ctx.appWith({
      instagram: instagramConfigFromEnv(
        {
          INSTAGRAM_CLIENT_ID: "1",
          INSTAGRAM_CLIENT_SECRET: "s",
          INSTAGRAM_REDIRECT_URI: "https://x",
          INSTAGRAM_SCOPES: "a",
          INSTAGRAM_AUTHORIZE_URL: "https://x",
          INSTAGRAM_OAUTH_URL: "https://x",
          INSTAGRAM_GRAPH_URL: "https://x",
        },
        "secret",
      ),
    });
    const { token } = await ctx.loginAs("ADMIN");
    const status = await request(bare)
      .get("/api/instagram")
      .set("Authorization", `Bearer ${token}`);
    expect(status.body).toMatchObject({ configured: false, missing: ["INSTAGRAM_TOKEN_KEY"] });
    const connect = await request(bare)
      .post("/api/instagram/connect")
      .set("Authorization", `Bearer ${token}`);
    expect(connect.status).toBe(409);
  });

  it("the scheduled job refreshes a token close to expiry, and marks a refused refresh", async () => {
    const { agent } = await admin();
    const state = (await startConnect(agent)).searchParams.get("state")!;
    await agent.post("/api/instagram/callback").send({ state, code: "good-code" }).expect(200);
    const deps = {
      db: ctx.db,
      logger: pino({ level: "silent" }),
      mailer: createMailer({ from: "x <x@x>", logger: pino({ level: "silent" }) }),
      instagram: config,
    };
    const run = (now: Date) =>
      jobRegistry["refresh-instagram-token"].handle(
        {},
        { ...deps, now: () => now },
        {
          jobId: "t",
          attempt: 1,
          attempts: 1,
          signal: new AbortController().signal,
        },
      );
    // 59 days left: nothing to do.
    expect(await run(new Date())).toMatchObject({ refreshed: false });
    // 5 days before expiry: refreshed with a new 60-day token.
    const row = await ctx.db.instagramConnection.findUniqueOrThrow({ where: { id: 1 } });
    const late = new Date(row.tokenExpiresAt.getTime() - 5 * DAY);
    expect(await run(late)).toMatchObject({ refreshed: true });
    expect(await instagram.accessToken(ctx.db, config)).toBe("long-token-2");
    const refreshed = await ctx.db.instagramConnection.findUniqueOrThrow({ where: { id: 1 } });
    expect(refreshed.tokenExpiresAt.getTime()).toBeGreaterThan(late.getTime() + 59 * DAY);

    fake.refreshFails = true;
    try {
      await expect(run(new Date(refreshed.tokenExpiresAt.getTime() - DAY))).rejects.toBeTruthy();
      const status = await agent.get("/api/instagram");
      expect(status.body.connection).toMatchObject({ status: "REFRESH_FAILED" });
      expect(status.body.connection.lastError).toMatch(/Session has expired/);
    } finally {
      fake.refreshFails = false;
    }
  });

  it("disconnecting deletes the stored token", async () => {
    const { agent } = await admin();
    const state = (await startConnect(agent)).searchParams.get("state")!;
    await agent.post("/api/instagram/callback").send({ state, code: "good-code" }).expect(200);
    expect((await agent.delete("/api/instagram")).status).toBe(204);
    expect(await ctx.db.instagramConnection.count()).toBe(0);
    expect((await agent.get("/api/instagram")).body.connection).toBeNull();
  });
});

describe("the Instagram webhook", () => {
  const sign = (body: string, secret = APP_SECRET) =>
    `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
  const post = (body: string, signature: string) =>
    request(app)
      .post("/api/instagram/webhook")
      .set("Content-Type", "application/json")
      .set("X-Hub-Signature-256", signature)
      .send(body);
  const message = (sender: string, text: string) =>
    JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: "17841400000000001",
          time: Date.now(),
          messaging: [
            {
              sender: { id: sender },
              recipient: { id: "17841400000000001" },
              message: { mid: "m", text },
            },
          ],
        },
      ],
    });

  it("answers the subscription check with the challenge for the right verify token only", async () => {
    const ok = await request(app).get(
      "/api/instagram/webhook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444",
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("1158201444");
    const wrong = await request(app).get(
      "/api/instagram/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1",
    );
    expect(wrong.status).toBe(403);
  });

  it("refuses a delivery whose signature does not match the raw body, writing nothing", async () => {
    const body = message("900000000000001", "Здравствуйте, +998 91 777 00 01");
    const contacts = await ctx.db.instagramContact.count();
    expect((await post(body, sign(body, "wrong-secret"))).status).toBe(401);
    expect((await post(body, sign(`${body} `))).status).toBe(401);
    expect((await post(body, "")).status).toBe(401);
    expect(await ctx.db.instagramContact.count()).toBe(contacts);
    expect(await ctx.db.lead.count({ where: { phone: "+998917770001" } })).toBe(0);
  });

  it("makes one INSTAGRAM lead per Instagram user, and later messages comment on it", async () => {
    const first = message("900000000000002", "Сколько стоит 2-комнатная? Мой номер 91 777 00 02");
    expect((await post(first, sign(first))).body).toEqual({ received: 1 });
    const lead = await ctx.db.lead.findUniqueOrThrow({ where: { phone: "+998917770002" } });
    expect(lead.source).toBe("INSTAGRAM");
    const contact = await ctx.db.instagramContact.findUniqueOrThrow({
      where: { igUserId: "900000000000002" },
    });
    expect(contact.leadId).toBe(lead.id);

    // The same person again, even with another number: no second lead, a comment instead.
    const again = message("900000000000002", "Ещё вопрос, запишите и +998 91 777 00 03");
    await post(again, sign(again)).expect(200);
    expect(await ctx.db.lead.count({ where: { phone: "+998917770003" } })).toBe(0);
    const comments = await ctx.db.comment.findMany({ where: { leadId: lead.id } });
    expect(comments.map((c) => c.body).join("\n")).toContain("Ещё вопрос");
    expect(await ctx.db.instagramContact.count({ where: { igUserId: "900000000000002" } })).toBe(1);
  });

  it("keeps a message without a phone on the contact until a number comes", async () => {
    const hello = message("900000000000004", "Здравствуйте! Есть ли скидки?");
    await post(hello, sign(hello)).expect(200);
    const contact = await ctx.db.instagramContact.findUniqueOrThrow({
      where: { igUserId: "900000000000004" },
    });
    expect(contact).toMatchObject({ leadId: null, lastMessage: "Здравствуйте! Есть ли скидки?" });
    const phone = message("900000000000004", "+998 91 777 00 04");
    await post(phone, sign(phone)).expect(200);
    const lead = await ctx.db.lead.findUniqueOrThrow({ where: { phone: "+998917770004" } });
    expect(lead.source).toBe("INSTAGRAM");
  });

  it("reads comments too", async () => {
    const body = JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: "17841400000000001",
          time: Date.now(),
          changes: [
            {
              field: "comments",
              value: {
                from: { id: "900000000000005", username: "aziza" },
                text: "Цена? 91 777 00 05",
              },
            },
          ],
        },
      ],
    });
    await post(body, sign(body)).expect(200);
    const lead = await ctx.db.lead.findUniqueOrThrow({ where: { phone: "+998917770005" } });
    expect(lead).toMatchObject({ source: "INSTAGRAM", fullName: "aziza" });
  });
});
