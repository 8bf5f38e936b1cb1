import { Router } from "express";
import { importRoutes, MAX_IMPORT_FILE_BYTES } from "@crm/contracts";
import { importFlats } from "@crm/core";
import type { AppDeps } from "../../app";
import { acceptFile, mount } from "../../http/route";

/** Flat import (ADMIN; the head of sales reads the reports): runs go through the job client. */
export function importRouter({ db, jobs, config }: AppDeps) {
  const router = Router();
  const { sheets } = config;
  const enqueue = async <R extends { id: number }>(run: R) => {
    await jobs.enqueue("import-flats", { runId: run.id });
    return run;
  };
  mount(router, importRoutes.getSource, ({ params }) =>
    importFlats.getSource(db, params.id, sheets),
  );
  mount(router, importRoutes.linkSheet, ({ user, params, body }) =>
    importFlats.linkSheet(db, user, params.id, body, sheets),
  );
  mount(router, importRoutes.saveMapping, ({ user, params, body }) =>
    importFlats.saveMapping(db, user, params.id, body.mapping, sheets),
  );
  mount(router, importRoutes.unlinkSheet, ({ user, params }) =>
    importFlats.unlinkSheet(db, user, params.id, sheets),
  );
  mount(router, importRoutes.testSheet, ({ params, body }) =>
    importFlats.testSheet(db, params.id, body, sheets),
  );
  mount(router, importRoutes.dryRunSheet, async ({ user, params }) =>
    enqueue(await importFlats.startSheetDryRun(db, user, params.id)),
  );
  // The file is the body, read up to the cap (a larger one is a 413 before anything is stored),
  // and only for a caller who may upload.
  acceptFile(router, importRoutes.upload, MAX_IMPORT_FILE_BYTES);
  mount(router, importRoutes.upload, async ({ user, params, query, req, body }) =>
    enqueue(
      await importFlats.startFileDryRun(db, user, params.id, {
        name: query.name,
        mediaType: req.get("content-type"),
        bytes: body as unknown as Buffer,
      }),
    ),
  );
  mount(router, importRoutes.listRuns, ({ params }) => importFlats.listRuns(db, params.id));
  mount(router, importRoutes.getRun, ({ params, query }) =>
    importFlats.getRun(db, params.id, query),
  );
  mount(router, importRoutes.applyRun, async ({ user, params }) =>
    enqueue(await importFlats.startApply(db, user, params.id)),
  );
  return router;
}
