import express, { Router, type Request } from "express";
import { publicRoutes, ZLandingRequest, type TLandingLanguage } from "@crm/contracts";
import { AppError, landingRequests, notFound, type LandingCache } from "@crm/core";
import type { AppContext } from "../../app";
import { zodFieldErrors } from "../../http/errors";
import { mount } from "../../http/route";
import { rateLimiter } from "../../http/rate-limit";
import { pickLanguage, renderLandingPage, type LandingFilters } from "./landing-page";

/** Requests a client may leave from landing pages per window (the form, JSON or HTML). */
export const LANDING_POSTS = { max: 10, windowSeconds: 600 };

const clientKey = (req: Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";

/**
 * The public face of the catalogue: the cached JSON of a published complex, its server-rendered
 * landing page (`/c/:slug`, ru / uz) and the request form behind both. No login anywhere here.
 */
export function publicRouter(context: AppContext, cache: LandingCache) {
  const { db, config } = context;
  const router = Router();
  const limitPosts = rateLimiter({
    ...(config.landingRateLimit ?? LANDING_POSTS),
    name: "landing",
    redis: context.redisLink,
    redisPrefix: config.redisPrefix,
  });

  mount(router, publicRoutes.complex, async ({ params, res }) => {
    const bytes = await cache.read(db, params.slug);
    if (!bytes) throw notFound("Complex");
    // Always revalidated: a booked flat must leave the list at once, also for proxies.
    res.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": bytes.length,
      "Cache-Control": "no-cache",
    });
    res.end(bytes);
    // The body is written (the cached bytes are the serialised reply); nothing is left to send.
    return undefined as never;
  });

  router.post(publicRoutes.request.path, limitPosts);
  mount(router, publicRoutes.request, async ({ params, body, req }) => {
    const outcome = await landingRequests.receiveLandingRequest(db, {
      slug: params.slug,
      request: body,
      clientKey: clientKey(req),
      requestId: req.id,
    });
    if (outcome === "limited") {
      throw new AppError("RATE_LIMITED", { detail: "Too many requests from this client today" });
    }
    return { status: "received" as const };
  });

  // The landing page itself: plain HTML with a GET filter form and a POST request form, so it
  // works without JavaScript and is read whole by search engines.
  router.get("/c/:slug", async (req, res) => {
    const lang = pickLanguage(req.query.lang, req.headers["accept-language"]);
    const bytes = await cache.read(db, String(req.params.slug));
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("Content-Language", lang);
    if (!bytes) {
      res.status(404).type("html").send(renderLandingPage(null, { lang }));
      return;
    }
    res.type("html").send(
      renderLandingPage(JSON.parse(bytes.toString("utf8")), {
        lang,
        filters: readFilters(req.query),
        sent: req.query.sent === "1",
      }),
    );
  });

  router.post(
    "/c/:slug",
    limitPosts,
    express.urlencoded({ extended: false, limit: "10kb", parameterLimit: 20 }),
    async (req, res) => {
      const slug = String(req.params.slug);
      const form = (req.body ?? {}) as Record<string, unknown>;
      const lang: TLandingLanguage = form.lang === "uz" ? "uz" : "ru";
      const parsed = ZLandingRequest.safeParse({
        name: form.name,
        phone: form.phone,
        consent: form.consent === "on" || form.consent === "true",
        website: form.website || undefined,
        flatId: form.flatId ? form.flatId : undefined,
        lang,
      });
      const bytes = await cache.read(db, slug);
      if (!bytes) {
        res.status(404).type("html").send(renderLandingPage(null, { lang }));
        return;
      }
      const page = JSON.parse(bytes.toString("utf8"));
      if (!parsed.success) {
        const fields = new Set(zodFieldErrors(parsed.error).map((error) => error.path));
        res
          .status(400)
          .type("html")
          .send(renderLandingPage(page, { lang, errors: fields, values: form }));
        return;
      }
      const outcome = await landingRequests.receiveLandingRequest(db, {
        slug,
        request: parsed.data,
        clientKey: clientKey(req),
        requestId: req.id,
      });
      if (outcome === "limited") {
        res
          .status(429)
          .type("html")
          .send(renderLandingPage(page, { lang, limited: true }));
        return;
      }
      res.redirect(303, `/c/${encodeURIComponent(slug)}?lang=${lang}&sent=1#request`);
    },
  );
  return router;
}

function readFilters(query: Request["query"]): LandingFilters {
  const number = (name: string) => {
    const value = query[name];
    if (typeof value !== "string" || value.trim() === "") return undefined;
    const parsed = Number(value);
    return Number.isFinite(parsed) && parsed >= 0 && parsed < 1e15 ? parsed : undefined;
  };
  return {
    rooms: number("rooms"),
    floorMin: number("floorMin"),
    floorMax: number("floorMax"),
    priceMax: number("priceMax"),
    areaMin: number("areaMin"),
    areaMax: number("areaMax"),
  };
}
