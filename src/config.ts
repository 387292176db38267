import { z } from "zod";

const wholeNumber = () => z.coerce.number({ error: "must be a whole number" }).int("must be a whole number");

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1");

/** Every setting comes from the environment; the defaults serve the embedded (PGlite) mode. */
const configSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: "must be development, production or test" })
    .default("development"),
  PORT: wholeNumber().min(0, "must be a port number").max(65535, "must be a port number").default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  ROCU_DATA_DIR: z.string().min(1).default("./data"),
  ROCU_DEMO_PASSWORD: z.string().min(12, "must be at least 12 characters").default("demo-password-2026"),
  ROCU_SEED_DEMO: booleanFlag.optional(),
  ROCU_SESSION_IDLE_MINUTES: wholeNumber()
    .min(1, "must be at least 1")
    .max(24 * 60, "must be at most 1440")
    .default(30),
  ROCU_SESSION_ABSOLUTE_HOURS: wholeNumber()
    .min(1, "must be at least 1")
    .max(7 * 24, "must be at most 168")
    .default(12),
  ROCU_BODY_LIMIT_BYTES: wholeNumber().min(1024, "must be at least 1024").default(1_048_576),
  ROCU_SECURE_COOKIES: booleanFlag.optional(),
  ROCU_TRUST_PROXY: booleanFlag.default(false),
  ROCU_RATE_LIMIT_PER_MINUTE: wholeNumber().min(1, "must be at least 1").default(1200),
  ROCU_SIGN_IN_LIMIT_PER_MINUTE: wholeNumber().min(1, "must be at least 1").default(30),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the environment, naming the first wrong variable in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    throw new ConfigError(`Configuration error: ${variable} ${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

export class ConfigError extends Error {}

/** Demo data is seeded on first run unless production or explicitly turned off. */
export function shouldSeedDemo(config: Config): boolean {
  if (config.NODE_ENV === "production") return false;
  return config.ROCU_SEED_DEMO ?? true;
}
