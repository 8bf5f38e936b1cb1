import zlib from "node:zlib";
import request from "supertest";
import { useTestContext } from "./harness";

/** Responses are compressed in the app (HTTP_COMPRESSION, on by default), as the client accepts. */
const ctx = useTestContext();

function raw(res: request.Response & { body: unknown }): Buffer {
  return res.body as Buffer;
}
const collect = (res: request.Response, done: (error: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.on("end", () => done(null, Buffer.concat(chunks)));
};

describe("HTTP compression", () => {
  it("sends brotli or gzip as accepted, and the bytes decode to the same document", async () => {
    const plain = await request(ctx.app)
      .get("/api/openapi.json")
      .set("Accept-Encoding", "identity");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const document = JSON.stringify(plain.body);

    const br = await request(ctx.app)
      .get("/api/openapi.json")
      .set("Accept-Encoding", "br")
      .buffer(true)
      .parse(collect);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const brBytes = raw(br);
    // superagent may or may not decode brotli itself; either way the document is the same.
    const brText = (() => {
      try {
        return zlib.brotliDecompressSync(brBytes).toString();
      } catch {
        return brBytes.toString();
      }
    })();
    expect(JSON.stringify(JSON.parse(brText))).toBe(document);

    const gzip = await request(ctx.app).get("/api/openapi.json").set("Accept-Encoding", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(JSON.stringify(gzip.body)).toBe(document);
  });

  it("leaves small bodies alone, and everything when switched off for a proxy", async () => {
    const small = await request(ctx.app).get("/healthz").set("Accept-Encoding", "br, gzip");
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();

    const off = await request(ctx.appWith({ compression: false }))
      .get("/api/openapi.json")
      .set("Accept-Encoding", "br, gzip");
    expect(off.status).toBe(200);
    expect(off.headers["content-encoding"]).toBeUndefined();
  });
});
