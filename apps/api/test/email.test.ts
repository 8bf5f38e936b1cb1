import pino from "pino";
import { emailDelivery } from "@crm/core";
import { waitFor } from "@crm/db/testing";
import {
  createInProcessJobs,
  createMailer,
  jobRegistry,
  type InProcessJobs,
  type JobDefinition,
  type Mailer,
} from "@crm/jobs";
import { useTestContext } from "./harness";
import { startSmtpServer } from "./smtp";

const ctx = useTestContext();
// Jobs run in these tests; PostgreSQL on a shared machine takes its time.
jest.setTimeout(90_000);
const logger = pino({ level: "silent" });
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const runners: InProcessJobs[] = [];
const mailers: Mailer[] = [];
let seq = 0;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => smtp.close());
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close({ deadlineMs: 1_000 })));
  for (const mailer of mailers.splice(0)) mailer.close();
  smtp.state.failing = false;
});

const FAST_RETRIES = { attempts: 3, backoff: { type: "fixed" as const, delay: 50 } };

/** A started runner of the given jobs (the outbox by default) sending to the local SMTP server. */
function runner(definitions: JobDefinition[] = [jobRegistry["deliver-emails"] as JobDefinition]) {
  const mailer = createMailer({ smtpUrl: smtp.url, from: "CRM <crm@example.uz>", logger });
  mailers.push(mailer);
  const jobs = createInProcessJobs({
    db: ctx.db,
    logger,
    mailer,
    definitions: definitions.map((definition) => ({ ...definition, ...FAST_RETRIES })),
    schedules: [],
    pollMs: 25,
  });
  runners.push(jobs);
  jobs.start();
  return jobs;
}

async function userWithEmail(role: "SELLER" | "FINANCIER" | "ROP", language: string) {
  const user = await ctx.createUser({ role });
  seq += 1;
  const email = `user${seq}-${process.pid}@example.uz`;
  await ctx.db.user.update({ where: { id: user.id }, data: { email, language } });
  return { ...user, email };
}

async function lead(ownerId: number | null) {
  seq += 1;
  return ctx.db.lead.create({
    data: {
      fullName: `Почтовый ${seq}`,
      phone: `+99895${String(4_000_000 + seq + (process.pid % 1000) * 100).slice(-7)}`,
      ownerId,
    },
  });
}

const emailsTo = (address: string) => smtp.received.filter((email) => email.to.includes(address));
const statusOf = async (userId: number, kind: string) =>
  (await ctx.db.notification.findFirstOrThrow({ where: { userId, kind }, orderBy: { id: "desc" } }))
    .emailStatus;

describe("notification emails", () => {
  it("emails a lead's new owner in their language, with a text and an HTML part, once the API enqueues the outbox", async () => {
    runner();
    const { agent: mop } = await ctx.loginAs("MOP");
    const seller = await userWithEmail("SELLER", "uz");
    const created = await mop
      .post("/api/leads")
      .send({ fullName: "Anvar Karimov", phone: "+998951110001", ownerId: seller.id });
    expect(created.status).toBe(201);
    const [email] = await waitFor("the email", async () => {
      const found = emailsTo(seller.email);
      return found.length ? found : null;
    });
    expect(email!.to).toEqual([seller.email]);
    expect(email!.from).toBe("crm@example.uz");
    expect(email!.mail.subject).toBe("Sizga lid biriktirildi: Anvar Karimov");
    expect(email!.mail.text).toContain("«Anvar Karimov» lidi");
    expect(email!.mail.html).toContain("<p>Sizga «Anvar Karimov» lidi");
    // The server has the message before the sender hears its "250 OK" and marks it sent.
    await waitFor("the email marked sent", async () =>
      (await statusOf(seller.id, "lead.assigned")) === "SENT" ? true : null,
    );

    // Russian for a Russian-speaking seller, and reassigning is emailed too.
    const other = await userWithEmail("SELLER", "ru");
    await mop.post(`/api/leads/${created.body.id}/reassign`).send({ ownerId: other.id });
    const [ru] = await waitFor("the Russian email", async () => {
      const found = emailsTo(other.email);
      return found.length ? found : null;
    });
    expect(ru!.mail.subject).toBe("Вам передан лид: Anvar Karimov");
    expect(ru!.mail.text).toContain("Вам передан лид «Anvar Karimov»");
    expect(ru!.mail.html).toContain("Вам передан лид «Anvar Karimov»");
  });

  it("sends only the kinds a user chose, and nothing to a user without an address", async () => {
    const seller = await userWithEmail("SELLER", "ru");
    const { agent } = await ctx.loginAs("SELLER");
    const me = await ctx.db.user.findFirstOrThrow({ orderBy: { id: "desc" } });
    await ctx.db.user.update({
      where: { id: me.id },
      data: { email: `chooser-${process.pid}@example.uz` },
    });
    const off = await agent
      .patch("/api/profile")
      .send({ notificationPrefs: { "lead.assigned": { email: false, telegram: true } } });
    expect(off.status).toBe(200);
    const noAddress = await ctx.createUser({ role: "SELLER" });
    const { agent: mop } = await ctx.loginAs("MOP");
    for (const owner of [me.id, noAddress.id, seller.id]) {
      const row = await lead(null);
      expect(
        (await mop.post(`/api/leads/${row.id}/reassign`).send({ ownerId: owner })).status,
      ).toBe(200);
    }
    const mailer = createMailer({ smtpUrl: smtp.url, from: "crm@example.uz", logger });
    const result = await emailDelivery.deliverPendingEmails(ctx.db, (e) => mailer.send(e), {
      finalAttempt: false,
    });
    mailer.close();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(await statusOf(me.id, "lead.assigned")).toBe("SKIPPED");
    expect(await statusOf(noAddress.id, "lead.assigned")).toBe("SKIPPED");
    expect(await statusOf(seller.id, "lead.assigned")).toBe("SENT");
    expect(emailsTo(`chooser-${process.pid}@example.uz`)).toHaveLength(0);
    expect(emailsTo(seller.email)).toHaveLength(1);
  });

  it("never emails a notification twice, even when two outbox runs race", async () => {
    const seller = await userWithEmail("SELLER", "ru");
    const { agent: mop } = await ctx.loginAs("MOP");
    for (let i = 0; i < 3; i++) {
      const row = await lead(null);
      await mop.post(`/api/leads/${row.id}/reassign`).send({ ownerId: seller.id });
    }
    const mailer = createMailer({ smtpUrl: smtp.url, from: "crm@example.uz", logger });
    const send: emailDelivery.SendEmail = (email) => mailer.send(email);
    await Promise.all([
      emailDelivery.deliverPendingEmails(ctx.db, send, { finalAttempt: false }),
      emailDelivery.deliverPendingEmails(ctx.db, send, { finalAttempt: false }),
    ]);
    await emailDelivery.deliverPendingEmails(ctx.db, send, { finalAttempt: false });
    mailer.close();
    expect(emailsTo(seller.email)).toHaveLength(3);
  });

  it("without SMTP_URL logs the email and marks it skipped instead of sending", async () => {
    const seller = await userWithEmail("SELLER", "ru");
    const { agent: mop } = await ctx.loginAs("MOP");
    const row = await lead(null);
    await mop.post(`/api/leads/${row.id}/reassign`).send({ ownerId: seller.id });
    const before = smtp.received.length;
    const logged = createMailer({ from: "crm@example.uz", logger });
    const result = await emailDelivery.deliverPendingEmails(ctx.db, (e) => logged.send(e), {
      finalAttempt: false,
    });
    expect(result.logged).toBeGreaterThanOrEqual(1);
    expect(result.sent).toBe(0);
    expect(await statusOf(seller.id, "lead.assigned")).toBe("SKIPPED");
    expect(smtp.received.length).toBe(before);
  });

  it("retries a failing SMTP server with backoff, then fails the run on the Jobs page and marks the email failed", async () => {
    // Outbox runs the API enqueued in the tests above (no runner was started there) would
    // otherwise queue ahead of this one.
    await ctx.db.jobRun.deleteMany({ where: { queue: "deliver-emails", state: "waiting" } });
    smtp.state.failing = true;
    const refusedBefore = smtp.state.refused;
    const seller = await userWithEmail("FINANCIER", "ru");
    const row = await lead(null);

    // A financier is never a lead's owner; the notification is written as the core would.
    await ctx.db.notification.create({
      data: {
        userId: seller.id,
        kind: "lead.assigned",
        payload: JSON.stringify({ leadId: row.id, leadName: row.fullName }),
      },
    });
    const jobs = runner();
    const run = await jobs.enqueue("deliver-emails", {});
    const failed = await waitFor(
      "the run to fail",
      async () => {
        const found = await ctx.db.jobRun.findUniqueOrThrow({ where: { id: Number(run.id) } });
        return found.state === "failed" ? found : null;
      },
      45_000,
    );
    expect(failed.attemptsMade).toBe(3);
    expect(failed.lastError).toMatch(/Mailbox unavailable/);
    // Each attempt reached the server and was refused (runs the API enqueued earlier in this
    // file may knock too).
    expect(smtp.state.refused - refusedBefore).toBeGreaterThanOrEqual(3);
    expect(await statusOf(seller.id, "lead.assigned")).toBe("FAILED");
    expect(emailsTo(seller.email)).toHaveLength(0);

    const { agent: admin } = await ctx.loginAs("ADMIN");
    const page = await admin.get("/api/jobs/deliver-emails?state=failed");
    expect(page.status).toBe(200);
    expect(page.body.items.map((job: { id: string }) => job.id)).toContain(run.id);
  });

  it("emails the reminders the schedule finds: a call due soon, a hold ending, an instalment overdue (seller and finance)", async () => {
    const seller = await userWithEmail("SELLER", "ru");
    const finance = await userWithEmail("FINANCIER", "uz");
    // Calls are not emailed by default: this seller asks for them.
    await ctx.db.user.update({
      where: { id: seller.id },
      data: {
        notificationPrefs: JSON.stringify({ "callback.due": { email: true, telegram: true } }),
      },
    });
    const now = Date.now();
    const callLead = await lead(seller.id);
    await ctx.db.callback.create({
      data: { leadId: callLead.id, userId: seller.id, dueAt: new Date(now + 10 * 60_000) },
    });
    const complex = await ctx.db.complex.create({
      data: { name: "ЖК Почта", slug: `mail-${process.pid}-${now}`, city: "Ташкент" },
    });
    const holdLead = await lead(seller.id);
    await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 2,
        number: "7",
        rooms: 2,
        area: 55,
        price: 500_000_000n,
        status: "BOOKED",
        bookedLeadId: holdLead.id,
        bookedUntil: new Date(now + 20 * 3_600_000),
      },
    });
    const buyer = await lead(seller.id);
    const flat = await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 3,
        number: "9",
        rooms: 1,
        area: 40,
        price: 1n,
        status: "SOLD",
      },
    });
    const contract = await ctx.db.contract.create({
      data: {
        number: `M-${process.pid}-${now}`,
        leadId: buyer.id,
        apartmentId: flat.id,
        price: 1_000_000n,
        currency: "USD",
        status: "SIGNED",
        signedAt: new Date(now - 90 * 86_400_000),
      },
    });
    await ctx.db.payment.create({
      data: {
        leadId: buyer.id,
        contractId: contract.id,
        seq: 1,
        amount: 150_000n,
        currency: "USD",
        dueDate: new Date(now - 5 * 86_400_000),
        status: "OVERDUE",
      },
    });
    runner([
      jobRegistry["scan-reminders"] as JobDefinition,
      jobRegistry["deliver-emails"] as JobDefinition,
    ]);
    const jobs = runners[runners.length - 1]!;
    const scan = await jobs.enqueue("scan-reminders", {});
    await waitFor("the scan", async () => {
      const found = await ctx.db.jobRun.findUniqueOrThrow({ where: { id: Number(scan.id) } });
      return found.state === "completed" ? found : null;
    });
    await jobs.enqueue("deliver-emails", {});
    const toSeller = await waitFor("the seller's three emails", async () => {
      const found = emailsTo(seller.email);
      return found.length >= 3 ? found : null;
    });
    const subjects = toSeller.map((email) => email.mail.subject).sort();
    expect(subjects).toEqual(
      [
        `Бронь заканчивается: кв. 7, ЖК Почта`,
        `Звонок через 15 минут: ${callLead.fullName}`,
        `Просрочен платёж по договору ${contract.number}`,
      ].sort(),
    );
    const overdue = toSeller.find((email) => email.mail.subject?.startsWith("Просрочен"))!;
    expect(overdue.mail.text).toContain("1 500 USD".replace(" ", "\u00a0"));
    const [toFinance] = await waitFor("finance's email", async () => {
      const found = emailsTo(finance.email);
      return found.length ? found : null;
    });
    expect(toFinance!.mail.subject).toBe(`${contract.number} shartnomasi bo'yicha to'lov kechikdi`);
    expect(toFinance!.mail.html).toContain(buyer.fullName);
  });
});
