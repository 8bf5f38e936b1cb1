import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import sharp from "sharp";
import { MAX_MEDIA_BYTES, MEDIA_MAX_SIDE, ZPublicComplex } from "@crm/contracts";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

async function publishedComplex() {
  seq += 1;
  return ctx.db.complex.create({
    data: {
      name: `ЖК Media ${seq}`,
      slug: `media-${seq}-${process.pid}`,
      city: "Ташкент",
      description: "Дом у парка",
      isPublished: true,
    },
  });
}

const png = (width: number, height: number, red = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 80, b: 40 } } })
    .png()
    .toBuffer();

const mediaDir = () => ctx.deps.config.mediaDir;
const storedFiles = () => (fs.existsSync(mediaDir()) ? fs.readdirSync(mediaDir()) : []);

describe("landing media", () => {
  it("re-encodes an upload to WebP within the size cap, stores it and serves it cached a week", async () => {
    const complex = await publishedComplex();
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent
      .post(`/api/complexes/${complex.id}/media?kind=PHOTO`)
      .set("Content-Type", "image/png")
      .send(await png(2400, 1200));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      complexId: complex.id,
      kind: "PHOTO",
      rooms: null,
      mimeType: "image/webp",
      width: MEDIA_MAX_SIDE,
      height: 800,
    });
    const fileName = path.basename(res.body.url);
    expect(fileName).toMatch(/^[0-9a-f]{32}\.webp$/);
    const stored = fs.readFileSync(path.join(mediaDir(), fileName));
    const meta = await sharp(stored).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: "webp",
      width: MEDIA_MAX_SIDE,
      height: 800,
    });
    expect(meta.exif).toBeUndefined();
    expect(await ctx.db.complexMedia.count({ where: { complexId: complex.id } })).toBe(1);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "complex.media_add", entityId: String(complex.id) },
      }),
    ).toBe(1);

    const served = await request(ctx.app).get(`/media/${fileName}`);
    expect(served.status).toBe(200);
    expect(served.headers["cache-control"]).toBe("public, max-age=604800, immutable");
    expect(served.headers["content-type"]).toBe("image/webp");

    const list = await agent.get(`/api/complexes/${complex.id}/media`).expect(200);
    expect(list.body.items.map((item: { id: number }) => item.id)).toEqual([res.body.id]);
  });

  it("refuses by content a text file labelled image/png (415) and an oversized one (413), writing nothing", async () => {
    const complex = await publishedComplex();
    const { agent } = await ctx.loginAs("ADMIN");
    const before = storedFiles().length;

    const text = await agent
      .post(`/api/complexes/${complex.id}/media?kind=PHOTO`)
      .set("Content-Type", "image/png")
      .send(Buffer.from("just some text, not an image"));
    expect(text.status).toBe(415);
    expect(text.headers["content-type"]).toContain("application/problem+json");

    const big = Buffer.alloc(11 * 1024 * 1024, 0);
    (await png(10, 10)).copy(big);
    expect(big.length).toBeGreaterThan(MAX_MEDIA_BYTES);
    const tooLarge = await agent
      .post(`/api/complexes/${complex.id}/media?kind=PHOTO`)
      .set("Content-Type", "image/png")
      .send(big);
    expect(tooLarge.status).toBe(413);

    const noRooms = await agent
      .post(`/api/complexes/${complex.id}/media?kind=PLAN`)
      .set("Content-Type", "image/png")
      .send(await png(20, 20));
    expect(noRooms.status).toBe(400);

    expect(await ctx.db.complexMedia.count({ where: { complexId: complex.id } })).toBe(0);
    expect(storedFiles().length).toBe(before);
  });

  it("lets only admins manage media (403 for other roles)", async () => {
    const complex = await publishedComplex();
    for (const role of ["SELLER", "MOP", "ROP", "FINANCIER"] as const) {
      const { agent } = await ctx.loginAs(role);
      const upload = await agent
        .post(`/api/complexes/${complex.id}/media?kind=PHOTO`)
        .set("Content-Type", "image/png")
        .send(await png(20, 20));
      expect({ role, status: upload.status }).toEqual({ role, status: 403 });
      const list = await agent.get(`/api/complexes/${complex.id}/media`);
      expect({ role, status: list.status }).toEqual({ role, status: 403 });
    }
    expect(await ctx.db.complexMedia.count({ where: { complexId: complex.id } })).toBe(0);
  });

  it("shows an upload on the public page at once and drops it after a delete, file and all", async () => {
    const complex = await publishedComplex();
    await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 2,
        number: "201",
        rooms: 2,
        area: 55,
        price: 55_000_000_00n,
      },
    });
    const { agent } = await ctx.loginAs("ADMIN");
    const publicJson = async () => {
      const res = await request(ctx.app).get(`/api/public/complexes/${complex.slug}`).expect(200);
      return ZPublicComplex.parse(res.body);
    };
    expect((await publicJson()).media).toEqual([]);

    const plan = await agent
      .post(`/api/complexes/${complex.id}/media?kind=PLAN&rooms=2`)
      .set("Content-Type", "image/png")
      .send(await png(800, 600, 10))
      .expect(201);
    const shown = await publicJson();
    expect(shown.media).toEqual([
      { url: plan.body.url, kind: "PLAN", rooms: 2, width: 800, height: 600 },
    ]);
    expect(shown.flats[0]!.planUrl).toBe(plan.body.url);
    const page = await request(ctx.app).get(`/c/${complex.slug}`).expect(200);
    expect(page.text).toContain(plan.body.url);

    await agent.delete(`/api/complexes/${complex.id}/media/${plan.body.id}`).expect(204);
    expect((await publicJson()).media).toEqual([]);
    expect(fs.existsSync(path.join(mediaDir(), path.basename(plan.body.url)))).toBe(false);
    expect((await request(ctx.app).get(plan.body.url)).status).toBe(404);
    expect((await agent.delete(`/api/complexes/${complex.id}/media/${plan.body.id}`)).status).toBe(
      404,
    );
  });

  it("serves only hashed file names from the media folder", async () => {
    for (const url of [
      "/media/..%2f..%2fpackage.json",
      "/media/..%2f..",
      "/media/../package.json",
      "/media/",
      "/media/.env",
      "/media/0123456789abcdef0123456789abcdef.webp",
    ]) {
      const res = await request(ctx.app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
  });
});
