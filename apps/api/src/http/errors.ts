import type { ErrorRequestHandler, RequestHandler } from "express";
import { ZodError } from "zod";
import { Prisma } from "@crm/db";
import { AppError, type FieldError } from "@crm/core";
import type { Logger } from "../lib/logger";
import { sendProblem } from "./problem";

export function zodFieldErrors(error: ZodError, prefix = ""): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    // Unknown keys are reported one per field so a form can point at each.
    if (issue.code === "unrecognized_keys") {
      return {
        path: [path, ...issue.keys].filter(Boolean).join(", "),
        message: issue.message,
        code: issue.code,
      };
    }
    return { path, message: issue.message, code: issue.code };
  });
}

/** Unknown route under /api: a JSON 404, never the SPA's HTML. */
export const apiNotFound: RequestHandler = (req, res) =>
  sendProblem(req, res, "NOT_FOUND", { detail: `No route ${req.method} ${req.path}` });

/**
 * The one error handler, registered last. Expected errors become problem bodies with their
 * status; anything else is logged with the request id and masked as 500.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof AppError) {
      return sendProblem(req, res, error.code, {
        detail: error.detail,
        errors: error.errors,
        headers: error.headers,
        extra: error.extra,
      });
    }
    if (error instanceof ZodError) {
      return sendProblem(req, res, "VALIDATION_FAILED", {
        detail: "The request did not match the contract",
        errors: zodFieldErrors(error),
      });
    }
    const type = (error as { type?: string } | null)?.type;
    if (type === "entity.parse.failed") {
      return sendProblem(req, res, "MALFORMED_JSON", { detail: "The body is not valid JSON" });
    }
    if (type === "entity.too.large") {
      return sendProblem(req, res, "PAYLOAD_TOO_LARGE", {
        detail: "The body exceeds the size limit",
      });
    }
    if (type === "encoding.unsupported" || type === "charset.unsupported") {
      return sendProblem(req, res, "UNSUPPORTED_MEDIA_TYPE", {
        detail: "Unsupported body encoding",
      });
    }
    // http-errors from Express internals (static files, body parser) that are the client's fault.
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendProblem(req, res, status === 404 ? "NOT_FOUND" : "VALIDATION_FAILED", {
        detail: (error as Error).message,
      });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2002") {
        return sendProblem(req, res, "CONFLICT", {
          detail: "A record with these values already exists",
        });
      }
      if (error.code === "P2025")
        return sendProblem(req, res, "NOT_FOUND", { detail: "Record not found" });
      if (error.code === "P2003") {
        return sendProblem(req, res, "CONFLICT", {
          detail: "A referenced record does not exist or is in use",
        });
      }
    }
    logger.error({ err: error, requestId: req.id }, "unhandled error");
    return sendProblem(req, res, "INTERNAL", {
      detail: "Something went wrong; the error was logged",
    });
  };
}
