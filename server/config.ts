// The only module that reads process.env: everything else receives a Config.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { defaultPgliteTemplate } from "../db/pglite-template-path.ts";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  ROLE: z.enum(["web", "worker", "all"]).default("all"),
  LOG_LEVEL: z.enum(["debug", "info", "warning", "error"]).default("info"),
  // Test mode only: lets federation fetch loopback and private addresses.
  ALLOW_PRIVATE_ADDRESS: z.stringbool().default(false),
  WEB_DIST: z.string().optional(),
  // The migrated PGlite data directory a first start unpacks (db/pglite-template.ts).
  PGLITE_TEMPLATE: z.string().optional(),
  // Serve HTTPS directly (usually a reverse proxy does it); both or neither.
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  // Which proxies may say who the client is (X-Forwarded-For): see trustProxyOf.
  TRUST_PROXY: z.string().optional(),
  // Rate-limit counters in Redis instead of the database.
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  // Outgoing mail: without SMTP_URL, emails are written as .eml files under DATA_DIR/mail/.
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]/, "must be smtp://user:pass@host:587 or smtps://user:pass@host:465").optional(),
  MAIL_FROM: z.string().min(3).optional(),
  // At most this many emails a second (a newsletter to 5,000 goes at this pace).
  MAIL_RATE: z.coerce.number().positive().max(1000).default(10),
  // How long a worker holds a queued message before another may take it over
  // (renewed while it works): what a crashed worker delays.
  QUEUE_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: URL;
  queueLeaseMs: number;
  databaseUrl: string | undefined;
  dataDir: string;
  secretKey: string;
  role: "web" | "worker" | "all";
  logLevel: "debug" | "info" | "warning" | "error";
  allowPrivateAddress: boolean;
  webDist: string;
  /** A tarball of a migrated, empty PGlite data directory, for first starts; used only when present and readable. */
  pgliteTemplate: string;
  tls: { cert: string; key: string } | undefined;
  /** false: the socket's address is the client's; a number: that many proxies in front; a list: those addresses and networks. */
  trustProxy: false | number | string[];
  redisUrl: string | undefined;
  mail: MailConfig;
};

export interface MailConfig {
  /** Undefined: written as .eml files under `dataDir/mail/` (nothing is lost). */
  smtpUrl: string | undefined;
  from: string;
  /** Emails a second, at most. */
  ratePerSecond: number;
}

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.variable = variable;
  }
}

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  if (publicUrl.pathname !== "/" || publicUrl.search || publicUrl.hash) {
    throw new ConfigError("PUBLIC_URL", "must be an origin, without path, query or fragment");
  }
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError(e.TLS_CERT_FILE ? "TLS_KEY_FILE" : "TLS_CERT_FILE", "must be set together with the other TLS_*_FILE");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secretKey: e.SECRET_KEY ?? readOrCreateSecret(dataDir),
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    allowPrivateAddress: e.ALLOW_PRIVATE_ADDRESS,
    webDist: resolve(e.WEB_DIST ?? join(import.meta.dirname, "..", "web", "dist")),
    pgliteTemplate: resolve(e.PGLITE_TEMPLATE ?? defaultPgliteTemplate),
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { cert: readTlsFile(e.TLS_CERT_FILE, "TLS_CERT_FILE"), key: readTlsFile(e.TLS_KEY_FILE, "TLS_KEY_FILE") } : undefined,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    redisUrl: e.REDIS_URL,
    queueLeaseMs: e.QUEUE_LEASE_MS,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `Maillage <noreply@${publicUrl.hostname}>`, ratePerSecond: e.MAIL_RATE },
  };
}

/**
 * TRUST_PROXY: unset or `false`, X-Forwarded-For is ignored; a number N, the
 * N nearest proxies are trusted (1: one reverse proxy in front); otherwise a
 * comma-separated list of addresses, CIDR networks and the names `loopback`,
 * `linklocal`, `uniquelocal` (private networks) of the proxies to trust.
 */
function trustProxyOf(value: string | undefined): Config["trustProxy"] {
  if (value === undefined || value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(",").map((s) => s.trim()).filter(Boolean);
  try {
    proxyaddr.compile(entries);
  } catch (e) {
    throw new ConfigError("TRUST_PROXY", `must be false, a number of proxies, or addresses/CIDR networks/loopback/linklocal/uniquelocal separated by commas (${(e as Error).message})`);
  }
  if (entries.length === 0) throw new ConfigError("TRUST_PROXY", "must name at least one proxy");
  return entries;
}

/** A secret generated on first start and kept in the data directory (mode 600). */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  return secret;
}

function readTlsFile(path: string, variable: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new ConfigError(variable, `cannot be read: ${path}`);
  }
}
