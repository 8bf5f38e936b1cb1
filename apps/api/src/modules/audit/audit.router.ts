import { Router } from "express";
import { auditLogRoutes } from "@crm/contracts";
import { auditLog } from "@crm/core";
import type { AppDeps } from "../../app";
import { mount } from "../../http/route";

export function auditRouter({ db }: AppDeps) {
  const router = Router();
  mount(router, auditLogRoutes.list, ({ query }) => auditLog.listAuditLog(db, query));
  mount(router, auditLogRoutes.export, async ({ query, res }) => {
    const day = new Date().toISOString().slice(0, 10);
    res
      .status(200)
      .type("text/csv; charset=utf-8")
      .setHeader("Content-Disposition", `attachment; filename="audit-${day}.csv"`);
    // A byte-order mark, so spreadsheet programs read the Cyrillic as UTF-8.
    res.write("\uFEFF");
    for await (const line of auditLog.exportAuditLog(db, query)) res.write(`${line}\r\n`);
    res.end();
  });
  return router;
}
