import http from "node:http";
import express from "express";
import request from "supertest";
import { routedBy } from "../src/http/route";

/** Two routers behind guards, then a catch-all that names who answered. */
function appWith() {
  const leads = express.Router();
  leads.get("/api/leads", (_req, res) => void res.send("leads list"));
  leads.get("/api/leads/:id", (req, res) => void res.send(`lead ${req.params.id}`));
  const pages = express.Router();
  pages.get("/c/:slug", (req, res) => void res.send(`page ${req.params.slug}`));
  const withMiddleware = express.Router();
  withMiddleware.use((req, _res, next) => {
    req.headers["x-seen"] = "1";
    next();
  });
  // The leads router counts the requests that enter it.
  let enteredLeads = 0;
  const countedLeads = Object.assign(
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      enteredLeads += 1;
      leads(req, res, next);
    },
    { stack: leads.stack },
  ) as unknown as express.Router;
  const app = express();
  app.use(routedBy(countedLeads));
  app.use(routedBy(pages));
  app.use(routedBy(withMiddleware));
  app.use((req, res) => void res.status(404).send(`none ${req.headers["x-seen"] ?? ""}`));
  return { server: http.createServer(app), enteredLeads: () => enteredLeads };
}

describe("routedBy (a router entered only under its routes' prefixes)", () => {
  const { server, enteredLeads } = appWith();

  it.each([
    ["/api/leads", "leads list"],
    ["/api/leads/", "leads list"],
    ["/API/Leads/7", "lead 7"],
    ["/api/leads/7?x=1", "lead 7"],
    ["/c/park", "page park"],
    ["/C/park/", "page park"],
  ])("%s still reaches its route", async (path, body) => {
    const res = await request(server).get(path);
    expect(res.status).toBe(200);
    expect(res.text).toBe(body);
  });

  it.each(["/api/leadsx", "/api/lead", "/api", "/c", "//api//leads", "/other/leads"])(
    "%s is not taken by a guarded router",
    async (path) => {
      const res = await request(server).get(path);
      expect(res.status).toBe(404);
      // A router with a middleware of its own is always entered.
      expect(res.text).toBe("none 1");
    },
  );

  it("skips the leads router for other paths and enters it for its own", async () => {
    const before = enteredLeads();
    await request(server).get("/c/park");
    await request(server).get("/api/leadsx");
    expect(enteredLeads()).toBe(before);
    await request(server).get("/api/leads/3");
    expect(enteredLeads()).toBe(before + 1);
  });
});
