import { z } from "zod";

// Plain words for the commonest mistake, instead of "expected string, received undefined".
z.config({
  customError: (issue) =>
    issue.input === undefined && issue.code === "invalid_type" ? "Required" : undefined,
});
