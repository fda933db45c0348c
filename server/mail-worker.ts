// The worker's mail side, built from the configuration: the transport (SMTP or
// .eml files), the sending loop, and the hourly digests.
import { getLogger } from "@logtape/logtape";
import type { DatabaseHandle, DatabaseLike } from "../db/client.ts";
import { MAIL_CHANNEL } from "./domain/mail/outbox.ts";
import type { Config } from "./config.ts";
import { runEvery } from "./periodic.ts";
import { sendDigests } from "./domain/mail/digests.ts";
import { fileTransport, mailDirOf, smtpTransport, type MailTransport } from "./domain/mail/transport.ts";
import { MailWorker } from "./domain/mail/worker.ts";

const logger = getLogger(["maillage", "mail"]);

export function transportFor(config: Config): MailTransport {
  return config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : fileTransport(mailDirOf(config.dataDir));
}

/** Starts sending; returns the function that stops it (the batch in progress is finished). */
export function startMail(db: DatabaseLike, config: Config, listen?: DatabaseHandle["listen"]): () => Promise<void> {
  if (!config.mail.smtpUrl) logger.warn("SMTP_URL is not set: emails are written as .eml files in {dir}", { dir: mailDirOf(config.dataDir) });
  const transport = transportFor(config);
  const worker = new MailWorker(db, {
    site: { origin: config.publicUrl.origin, from: config.mail.from, secretKey: config.secretKey },
    transport,
    ratePerSecond: config.mail.ratePerSecond,
    listen: listen && ((wake) => listen(MAIL_CHANNEL, wake)),
  });
  const abort = new AbortController();
  const loop = worker.run(abort.signal);
  const stopDigests = runEvery("mail digests", 3600_000, () => sendDigests(db));
  return async () => {
    abort.abort();
    await stopDigests();
    await loop;
    transport.close();
  };
}
