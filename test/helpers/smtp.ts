// A real SMTP server in the test process (smtp-server), which keeps what it
// receives parsed by mailparser, and can refuse recipients (4xx for a while,
// or 5xx for good) to exercise the worker's retries.
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../server/config.ts";
import type { DatabaseLike } from "../../db/client.ts";
import { MailWorker } from "../../server/domain/mail/worker.ts";
import { smtpTransport } from "../../server/domain/mail/transport.ts";

const LOOPBACK = process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.0";
export const smtpHost = `${LOOPBACK}.1`;

export interface Received {
  to: string[];
  raw: string;
  mail: ParsedMail;
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /** Decides a recipient's fate: undefined accepts; a code refuses (450 temporary, 550 permanent). */
  refuse?: (address: string) => number | undefined;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  to(address: string): Received[];
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const state: TestSmtp = {
    url: "",
    received,
    waitFor: async (count, timeoutMs = 15_000) => {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`SMTP: ${received.length} of ${count} messages after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    to: (address) => received.filter((r) => r.to.includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // No reverse DNS of the client (no network here; it would stall each connection).
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const code = state.refuse?.(address.address.toLowerCase());
      if (code) {
        const error = new Error(code >= 500 ? "No such mailbox" : "Mailbox busy, try later") as Error & { responseCode: number };
        error.responseCode = code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = await simpleParser(raw);
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, mail });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, smtpHost, () => resolve());
  });
  const { port } = (server.server.address() as { port: number });
  state.url = `smtp://${smtpHost}:${port}`;
  return state;
}

/** A config like the test app's, sending through `smtp`. */
export function mailConfig(smtpUrl: string | undefined, extra: Record<string, string> = {}): Config {
  return loadConfig({
    PUBLIC_URL: "https://maillage.test",
    DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-mail-")),
    WEB_DIST: join(tmpdir(), "maillage-no-web"),
    SECRET_KEY: "a test secret key that is long enough for hmac",
    ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
    ...extra,
  });
}

/** A worker on the test database that sends through the test server; fast retries. */
export function testMailWorker(db: DatabaseLike, config: Config, options: Partial<ConstructorParameters<typeof MailWorker>[1]> = {}) {
  const transport = smtpTransport(config.mail.smtpUrl!);
  const worker = new MailWorker(db, {
    site: { origin: config.publicUrl.origin, from: config.mail.from, secretKey: config.secretKey },
    transport,
    ratePerSecond: 1000,
    retryBaseMs: 50,
    pollMs: 20,
    ...options,
  });
  return { worker, transport };
}

/** Runs the worker until the outbox has nothing due and nothing waiting for a retry soon. */
export async function drain(worker: MailWorker, rounds = 200): Promise<void> {
  let idle = 0;
  for (let i = 0; i < rounds && idle < 5; i++) {
    const taken = await worker.runOnce();
    idle = taken === 0 ? idle + 1 : 0;
    if (taken === 0) await new Promise((r) => setTimeout(r, 60));
  }
}

/** The links of a received email's text part. */
export const linksOf = (r: Received) => [...(r.mail.text ?? "").matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);

/** A header as sent (unfolded), read from the raw message: mailparser restructures the List-* ones. */
export function headerOf(r: Received, name: string): string | undefined {
  const head = r.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
