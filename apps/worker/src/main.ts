import { parseEnv } from "./env";
import { runWorker } from "./run";

runWorker(parseEnv()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
