import { dropRun } from "./databases";

export default async function globalTeardown() {
  if (process.env.CRM_TEST_RUN) await dropRun(process.env.CRM_TEST_RUN);
}
