import { z } from "zod";

/**
 * Background job payloads: the API enqueues and the worker validates the same shapes.
 * Each entry: queue name → payload schema.
 */
export const jobPayloads = {} as const satisfies Record<string, z.ZodType>;
