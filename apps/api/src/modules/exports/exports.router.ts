import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Router } from "express";
import { exportRoutes } from "@crm/contracts";
import { exportsService } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function exportsRouter({ db, jobs }: AppDeps) {
  const router = Router();
  mount(router, exportRoutes.create, async ({ user, body }) => {
    const created = await exportsService.requestExport(db, user, body);
    await jobs.enqueue("generate-export", { exportId: created.id });
    return created;
  });
  mount(router, exportRoutes.list, ({ user }) => exportsService.listMyExports(db, user));
  mount(router, exportRoutes.get, ({ user, params }) =>
    exportsService.getMyExport(db, user, params.id),
  );
  mount(router, exportRoutes.download, async ({ user, params, res }) => {
    const file = await exportsService.exportFile(db, user, params.id);
    res
      .status(200)
      .type(file.contentType)
      .setHeader("Content-Length", String(file.size))
      .setHeader("Content-Disposition", exportsService.contentDisposition(file.fileName))
      .setHeader("Cache-Control", "private, no-store");
    await pipeline(fs.createReadStream(file.filePath), res);
  });
  return router;
}
