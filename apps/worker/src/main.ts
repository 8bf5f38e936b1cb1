import { parseEnv } from "./env";
import { createLogger } from "./logger";
import { runWorker } from "./run";

runWorker(parseEnv()).catch((error: unknown) => {
  // One JSON error line with message and stack, like every other log line; the environment
  // (LOG_LEVEL included) may be what failed, so this logger does not depend on it.
  createLogger("info").error({ err: error }, "the worker failed to start");
  process.exit(1);
});
