/** The one error type. Codes map to HTTP statuses in one place (src/http/errors.ts). */
export type ErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "locked"
  | "too_many_requests"
  | "password_change_required"
  | "unavailable"
  | "invalid_rows";

export interface FieldError {
  field: string;
  message: string;
}

/** A problem with one row of an imported file: the line a spreadsheet shows and the column. */
export interface LineError {
  line: number;
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldError[]; lines?: LineError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (message = "You do not have permission to do this") =>
  new AppError("forbidden", message);
export const invalidField = (field: string, message: string) =>
  new AppError("validation", message, { fields: [{ field, message }] });

/** Whether a failed write hit a unique key (drivers wrap their errors as causes). */
export function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as Error & { code?: unknown }).code === "23505") return true;
  }
  return false;
}
