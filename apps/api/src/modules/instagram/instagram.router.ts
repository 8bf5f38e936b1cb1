import { Router } from "express";
import { instagramRoutes } from "@crm/contracts";
import { AppError, instagram } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

/** The ADMIN marketing page's Instagram connection, and the webhook Instagram delivers to. */
export function instagramRouter({ db, config: appConfig }: AppDeps) {
  const router = Router();
  const { config, missing } = appConfig.instagram ?? { config: null, missing: ["INSTAGRAM_*"] };

  mount(router, instagramRoutes.status, () => instagram.instagramStatus(db, config, missing));
  mount(router, instagramRoutes.connect, ({ user }) =>
    instagram.authorizeUrl(config, user.sessionId),
  );
  mount(router, instagramRoutes.callback, ({ user, body, req }) =>
    instagram.completeConnection(db, config, {
      actor: { id: user.id, requestId: req.id },
      sessionId: user.sessionId,
      state: body.state,
      code: body.code || undefined,
      error: body.error || undefined,
      errorDescription: body.error_description || undefined,
    }),
  );
  mount(router, instagramRoutes.disconnect, ({ user, req }) =>
    instagram.disconnect(db, { id: user.id, requestId: req.id }),
  );
  mount(router, instagramRoutes.verifyWebhook, ({ query, res }) => {
    if (!config?.verifyToken) {
      throw new AppError("CONFLICT", { detail: "INSTAGRAM_VERIFY_TOKEN is not set" });
    }
    if (query["hub.mode"] !== "subscribe" || query["hub.verify_token"] !== config.verifyToken) {
      throw new AppError("FORBIDDEN", { detail: "Wrong verify token" });
    }
    res
      .status(200)
      .type("text/plain")
      .send(query["hub.challenge"] ?? "");
  });
  mount(router, instagramRoutes.webhook, ({ body, req }) =>
    instagram.receiveWebhook(db, config, {
      rawBody: (req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0),
      signature: req.get("x-hub-signature-256"),
      entries: body.entry,
      requestId: req.id,
    }),
  );
  return router;
}
