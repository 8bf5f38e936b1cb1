import { Router } from "express";
import { MAX_MEDIA_BYTES, mediaRoutes } from "@crm/contracts";
import { landingMedia } from "@crm/core";
import type { AppDeps } from "../../app";
import { acceptFile, mount } from "../../http/route";

/** Photos and plans of the landing pages (ADMIN); the files are served from MEDIA_DIR at /media. */
export function mediaRouter({ db, config }: AppDeps) {
  const router = Router();
  const dir = config.mediaDir;

  mount(router, mediaRoutes.list, ({ params }) => landingMedia.listMedia(db, params.id));
  acceptFile(router, mediaRoutes.upload, MAX_MEDIA_BYTES);
  mount(router, mediaRoutes.upload, ({ user, params, query, body }) =>
    landingMedia.addMedia(db, user, params.id, query, body as unknown as Buffer, dir),
  );
  mount(router, mediaRoutes.remove, ({ user, params }) =>
    landingMedia.removeMedia(db, user, params.id, params.mediaId, dir),
  );
  return router;
}
