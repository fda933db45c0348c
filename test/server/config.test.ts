import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";

const dataDir = () => mkdtempSync(join(tmpdir(), "maillage-config-"));

describe("config", () => {
  it("has working defaults: port 3000, PGlite in ./data, public URL on localhost", () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.publicUrl.href).toBe("http://localhost:3000/");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.role).toBe("all");
    expect(config.allowPrivateAddress).toBe(false);
  });

  it("generates the secret key once, keeps it private and reuses it", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).secretKey;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).secretKey).toBe(first);
    expect(readFileSync(join(dir, "secret.key"), "utf8").trim()).toBe(first);
  });

  it("uses a given SECRET_KEY without writing one", () => {
    const dir = join(dataDir(), "sub");
    expect(loadConfig({ DATA_DIR: dir, SECRET_KEY: "k".repeat(40) }).secretKey).toBe("k".repeat(40));
    expect(existsSync(join(dir, "secret.key"))).toBe(false);
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "abc" }, "PORT"],
    [{ PUBLIC_URL: "not a url" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "ftp://example.org" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "https://example.org/path" }, "PUBLIC_URL"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ SECRET_KEY: "short" }, "SECRET_KEY"],
    [{ ROLE: "everything" }, "ROLE"],
    [{ ALLOW_PRIVATE_ADDRESS: "maybe" }, "ALLOW_PRIVATE_ADDRESS"],
    [{ TRUST_PROXY: "my-proxy.example" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "10.0.0.0/99" }, "TRUST_PROXY"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
  ])("refuses %o, naming %s", (env, variable) => {
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as Error).message).toContain(variable);
    }
  });
});

describe("TLS config", () => {
  it("needs both files, readable", () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), TLS_CERT_FILE: "/nonexistent.pem" })).toThrow(/TLS_KEY_FILE/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), TLS_CERT_FILE: "/nonexistent.pem", TLS_KEY_FILE: "/nonexistent.key" })).toThrow(/TLS_CERT_FILE cannot be read/);
  });
});

describe("proxies and Redis", () => {
  it("trusts no proxy by default; a number of hops, or addresses, networks and named ranges", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: "loopback, 10.0.0.0/8,192.168.1.4" }).trustProxy).toEqual(["loopback", "10.0.0.0/8", "192.168.1.4"]);
    expect(loadConfig({ DATA_DIR: dataDir(), REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl).toBe("redis://127.0.0.1:6379");
  });
});
