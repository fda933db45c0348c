// The `maillage` commands. The same program runs in the CLI process, or inside
// the running server when it holds the PGlite data directory (see cli/run.ts).
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { memberTable, roles } from "../../db/schema/index.ts";
import { signupUrl } from "../api/invitations.ts";
import { createInvitation, invitationStatus, listInvitations } from "../domain/invitations.ts";
import { createNetwork, listNetworks } from "../domain/networks.ts";
import type { Result } from "../domain/result.ts";
import { createInstanceAdmin } from "../domain/signup.ts";

export interface CliContext {
  db: DatabaseLike;
  publicUrl: URL;
  out: (line: string) => void;
  err: (line: string) => void;
}

class CliFailure extends Error {}

function unwrapOrFail<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const field = result.error.field ? ` (${result.error.field})` : "";
  throw new CliFailure(`${result.error.message}${field}`);
}

/** The operator acts as the instance admin. */
async function operator(db: DatabaseLike) {
  const [admin] = await db.select().from(memberTable).where(eq(memberTable.isAdmin, true)).limit(1);
  if (!admin) throw new CliFailure("No instance admin yet: run `maillage setup` first");
  return admin;
}

function parseDays(value: string): number {
  const match = /^(\d+)\s*([dw]?)$/i.exec(value.trim());
  const days = match ? Number(match[1]) * (match[2].toLowerCase() === "w" ? 7 : 1) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new InvalidArgumentError("use a duration such as 14d or 2w (1 day to 1 year)");
  return days;
}

function parseUses(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidArgumentError("use a whole number from 1 to 500");
  return n;
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("maillage")
    .description("Run and manage a Maillage instance")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) });

  program
    .command("migrate")
    .description("Apply pending database migrations (the server also does it at start)")
    .action(() => ctx.out("Database schema is up to date."));

  program
    .command("setup")
    .description("Create the instance admin")
    .requiredOption("--handle <handle>", "admin's handle, e.g. camille")
    .requiredOption("--password <password>", "at least 8 characters")
    .option("--name <name>", "display name (default: the handle)")
    .option("--email <email>", "email address (optional)")
    .action(async (o) => {
      const admin = unwrapOrFail(
        await createInstanceAdmin(ctx.db, { handle: o.handle, displayName: o.name ?? o.handle, password: o.password, email: o.email }),
      );
      ctx.out(`Instance admin @${admin.handle} created. Log in at ${new URL("/login", ctx.publicUrl).href}`);
    });

  const network = program.command("network").description("Networks of this instance");
  network
    .command("create <slug>")
    .description("Create a network")
    .requiredOption("--name <name>", "its name, e.g. \"Les Lilas\"")
    .option("--description <text>", "what it is about")
    .option("--area <area>", "town or area")
    .option("--rules <text>", "its rules")
    .action(async (slug: string, o) => {
      const created = unwrapOrFail(
        await createNetwork(ctx.db, null, { slug, name: o.name, description: o.description, area: o.area, rules: o.rules }),
      );
      ctx.out(`Network ${created.slug} created: ${new URL(`/n/${created.slug}`, ctx.publicUrl).href}`);
    });
  network
    .command("list")
    .description("List networks")
    .action(async () => {
      const networks = await listNetworks(ctx.db);
      if (networks.length === 0) ctx.out("No network yet.");
      for (const n of networks) ctx.out(`${n.slug}\t${n.name}\t${n.memberCount} member(s)`);
    });

  const invite = program.command("invite").description("Invitations, handed out in person");
  invite
    .command("create")
    .description("Create an invitation and print its code and signup URL")
    .requiredOption("--network <slug>", "the network to join")
    .addOption(new Option("--role <role>", "role given at signup").choices(roles).default("member"))
    .option("--uses <n>", "how many people may use it", parseUses, 1)
    .option("--expires <duration>", "validity, e.g. 14d or 2w", parseDays, 14)
    .option("--note <text>", "a note for the animators, e.g. a name")
    .action(async (o) => {
      const created = unwrapOrFail(
        await createInvitation(ctx.db, await operator(ctx.db), o.network, { role: o.role, maxUses: o.uses, expiresInDays: o.expires, note: o.note }),
      );
      ctx.out(`Code: ${created.code}`);
      ctx.out(`URL:  ${signupUrl(ctx.publicUrl, created.code)}`);
      ctx.out(`Role: ${created.role}, ${created.maxUses} use(s), expires ${created.expiresAt.toISOString().slice(0, 10)}`);
    });
  invite
    .command("list")
    .description("List a network's invitations")
    .requiredOption("--network <slug>", "the network")
    .action(async (o) => {
      const invitations = unwrapOrFail(await listInvitations(ctx.db, await operator(ctx.db), o.network));
      for (const i of invitations) ctx.out(`${i.code}\t${i.role}\t${i.uses}/${i.maxUses}\t${invitationStatus(i)}\t${i.note}`);
    });

  return program;
}

/** Runs one command line; returns the exit code. */
export async function runProgram(ctx: CliContext, argv: string[]): Promise<number> {
  try {
    await buildProgram(ctx).parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliFailure) {
      ctx.err(`Error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
