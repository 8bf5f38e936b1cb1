import { prepareBase } from "./databases";

export default async function globalSetup() {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const env = await prepareBase(runId);
  // Workers are started after this and inherit these variables.
  Object.assign(process.env, env);
}
