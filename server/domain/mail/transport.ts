// Where emails leave: an SMTP server (SMTP_URL), or, without one, .eml files
// under DATA_DIR/mail/ so that nothing is lost while an association tries
// Maillage before it has a mail server.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Transporter } from "nodemailer";

export interface OutgoingMail {
  /** Stable across retries: the Message-ID, and the .eml file's name. */
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** What a failed send means for the worker. */
export type SendFailure = { permanent: boolean; reason: string };

/** 5xx from the server is final for this message; everything else (4xx, no connection, timeout) is worth retrying. */
export function classifyFailure(error: unknown): SendFailure {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = e.response ?? e.message ?? String(error);
  if (typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600) return { permanent: true, reason };
  return { permanent: false, reason: e.code && !reason.includes(e.code) ? `${e.code}: ${reason}` : reason };
}

const toNodemailer = (m: OutgoingMail) => ({
  from: m.from,
  to: m.to,
  subject: m.subject,
  html: m.html,
  text: m.text,
  headers: m.headers,
  messageId: m.messageId,
});

/** nodemailer is loaded with the first email: ~20 MiB an idle server does not hold. */
function lazily(make: (nodemailer: typeof import("nodemailer").default) => Transporter) {
  let transporter: Promise<Transporter> | undefined;
  return {
    get: () => (transporter ??= import("nodemailer").then((module) => make(module.default))),
    close: () => void transporter?.then((made) => made.close(), () => {}),
  };
}

export function smtpTransport(url: string, maxConnections = 4): MailTransport {
  const transporter = lazily((nodemailer) => nodemailer.createTransport(url + (url.includes("?") ? "&" : "?") + `pool=true&maxConnections=${maxConnections}`));
  return {
    send: async (m) => {
      await (await transporter.get()).sendMail(toNodemailer(m));
    },
    close: transporter.close,
  };
}

export function fileTransport(dir: string): MailTransport {
  const transporter = lazily((nodemailer) => nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }));
  return {
    send: async (m) => {
      const info = await (await transporter.get()).sendMail(toNodemailer(m));
      mkdirSync(dir, { recursive: true });
      // Named by id: a retried message overwrites its own file, never doubles.
      writeFileSync(join(dir, `${m.id}.eml`), info.message as Buffer);
    },
    close: transporter.close,
  };
}

export const mailDirOf = (dataDir: string) => join(dataDir, "mail");
