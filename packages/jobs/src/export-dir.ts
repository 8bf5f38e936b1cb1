import path from "node:path";

/** Report files without EXPORT_DIR: beside the embedded database, under `data/exports`. */
export const defaultExportDir = () => path.resolve("data", "exports");
