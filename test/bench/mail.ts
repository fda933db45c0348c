// A newsletter-sized send: 5,000 emails through the worker to an SMTP server in
// this process, at MAIL_RATE (BENCH_MAIL_RATE, default 1,000/s so the pace is
// the code's, not the limit's). Prints the time, the rate reached and the
// process's peak RSS; the outbox rows stay in the database, not in memory.
import { SMTPServer } from "smtp-server";
import { eq, sql } from "drizzle-orm";
import { migrate } from "../../db/migrate.ts";
import { mailOutboxTable, memberTable, networkTable, membershipTable } from "../../db/schema/index.ts";
import { enqueueMail } from "../../server/domain/mail/outbox.ts";
import { smtpTransport } from "../../server/domain/mail/transport.ts";
import { MailWorker } from "../../server/domain/mail/worker.ts";
import { onEachDatabase } from "./support.ts";

const recipients = Number(process.env.BENCH_MAIL_RECIPIENTS ?? 5_000);
const rate = Number(process.env.BENCH_MAIL_RATE ?? 1_000);

export async function benchMail(): Promise<void> {
  await onEachDatabase("mail", async (target) => {
    const handle = await target.open();
    await migrate(handle);
    const db = handle.db;
    const [network] = await db.insert(networkTable).values({ slug: "lilas", name: "Les Lilas" }).returning();
    for (let i = 0; i < recipients; i += 1_000) {
      const rows = await db
        .insert(memberTable)
        .values(Array.from({ length: Math.min(1_000, recipients - i) }, (_, k) => ({ handle: `voisin${i + k}`, displayName: `Voisin ${i + k}`, email: `voisin${i + k}@example.org` })))
        .returning();
      await db.insert(membershipTable).values(rows.map((m) => ({ networkId: network.id, memberId: m.id })));
      await enqueueMail(db, rows.map((m) => ({ memberId: m.id, to: m.email!, template: "notification", params: { kind: "offers.interest", title: "La lettre de décembre", path: "/n/lilas", from: "Les Lilas", network: "lilas" } })));
    }
    let received = 0;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
    // No reverse DNS of the client (no network here; it would stall each connection).
    disableReverseLookup: true,
      logger: false,
      onData(stream, _session, callback) {
        stream.on("data", () => {});
        stream.on("end", () => {
          received++;
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const port = (smtp.server.address() as { port: number }).port;
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, 8);
    const worker = new MailWorker(db, {
      site: { origin: "https://lilas.example.org", from: "Les Lilas <noreply@lilas.example.org>", secretKey: "bench secret key long enough for the hmac" },
      transport,
      ratePerSecond: rate,
      parallelism: 8,
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const started = performance.now();
    while ((await worker.runOnce()) > 0);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const [{ sent }] = await db.select({ sent: sql<number>`count(*)::int` }).from(mailOutboxTable).where(eq(mailOutboxTable.status, "sent"));
    console.log(
      `${target.label}: ${recipients} emails in ${seconds.toFixed(1)} s (${(recipients / seconds).toFixed(0)}/s, limit ${rate}/s); ` +
        `received ${received}, marked sent ${sent}; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB (bench process, SMTP server included)`,
    );
    transport.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await handle.close();
  });
}
