import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, type FieldError, type LineError } from "#src/lib/errors.ts";

const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  too_many_requests: 429,
  unavailable: 503,
  invalid_rows: 422,
};

const titleOf: Record<ErrorCode, string> = {
  validation: "The request has errors",
  unauthenticated: "Sign in to continue",
  forbidden: "Not allowed",
  password_change_required: "You must change your password",
  not_found: "Not found",
  conflict: "Conflict",
  locked: "Locked",
  too_many_requests: "Too many requests",
  unavailable: "Service unavailable",
  invalid_rows: "The file has rows with errors",
};

/** Sends an RFC 9457 problem document. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode | "internal" | "payload_too_large" | "unsupported_media_type",
  detail: string,
  extra: { status?: number; errors?: FieldError[]; lines?: LineError[] } = {},
) {
  const status =
    extra.status ?? (code === "internal" ? 500 : code in statusOf ? statusOf[code as ErrorCode] : 400);
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: `https://rocu-hub.invalid/problems/${code}`,
      title: code in titleOf ? titleOf[code as ErrorCode] : detail,
      status,
      detail,
      instance: request.url.split("?")[0],
      requestId: request.id,
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.lines ? { lines: extra.lines } : {}),
    });
}

const fieldName = (path: string) => path.replace(/^\//, "").replaceAll("/", ".");

/** Maps every error to a problem document; only a bug gives a 500, and its details stay in the log. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.details.retryAfterSeconds) reply.header("retry-after", String(error.details.retryAfterSeconds));
    return sendProblem(request, reply, error.code, error.message, {
      errors: error.details.fields,
      lines: error.details.lines,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? "body";
    const errors = error.validation.flatMap((issue) => {
      const path = fieldName(issue.instancePath);
      const unknownKeys =
        issue.keyword === "unrecognized_keys" ? (issue.params as { keys?: string[] }).keys : undefined;
      if (unknownKeys)
        return unknownKeys.map((key) => ({
          field: path ? `${path}.${key}` : key,
          message: `Unknown field: ${key}`,
        }));
      return [{ field: path || part, message: issue.message ?? "is not valid" }];
    });
    const first = errors[0];
    const detail = first ? `${first.field}: ${first.message}` : `The ${part} is not valid`;
    return sendProblem(request, reply, "validation", detail, { errors });
  }
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return sendProblem(request, reply, "payload_too_large", "The request body is too large", { status: 413 });
  }
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return sendProblem(
      request,
      reply,
      "unsupported_media_type",
      "Send the request body as application/json",
      { status: 415 },
    );
  }
  if (error.code === "FST_CSRF_INVALID_TOKEN" || error.code === "FST_CSRF_MISSING_SECRET") {
    return sendProblem(
      request,
      reply,
      "forbidden",
      "Missing or invalid CSRF token: fetch one from /api/v1/auth/csrf and send it as x-csrf-token",
    );
  }
  if (error.statusCode === 429) {
    return sendProblem(
      request,
      reply,
      "too_many_requests",
      "Too many requests: slow down and try again shortly",
    );
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, empty body with a JSON content type, and so on.
    return sendProblem(request, reply, "validation", error.message, { status: error.statusCode });
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(
    request,
    reply,
    "internal",
    `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
  );
}
