import { describe, expect, it } from "vitest";
import { loadConfig, shouldSeedDemo } from "./config.ts";

describe("configuration", () => {
  it("defaults to the embedded database on port 3000 with demo data", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      ROCU_DATA_DIR: "./data",
      ROCU_SESSION_IDLE_MINUTES: 30,
      ROCU_SESSION_ABSOLUTE_HOURS: 12,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(shouldSeedDemo(config)).toBe(true);
  });

  it("names the variable that is wrong, in one line", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow("Configuration error: PORT must be a whole number");
    expect(() => loadConfig({ ROCU_SECURE_COOKIES: "yes" })).toThrow(
      "Configuration error: ROCU_SECURE_COOKIES must be true or false",
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(
      "Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL",
    );
  });

  it("never seeds demo data in production", () => {
    expect(shouldSeedDemo(loadConfig({ NODE_ENV: "production", ROCU_SEED_DEMO: "true" }))).toBe(false);
  });
});
