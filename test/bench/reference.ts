// The references the fan-out and inbox benches print beside the server (issue
// #14): each runs in a process of its own, so that its CPU is read from /proc
// exactly as the server's is, with nothing of the bench process in it.
// - "post-loop": Fedify's signRequest and the global fetch (keep-alive, as
//   Node's fetch does by default), the key imported once, 16 at a time: the
//   least a server can do to deliver one activity to many inboxes.
// - "bare-inbox": a Hono + Fedify app whose shared inbox listener does nothing;
//   Fedify still verifies each signature (keys fetched once, then from its
//   in-memory cache) and parses each activity, inline (no queue).
// The parent drives it over IPC: it reads the child's CPU before and after.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface PostLoopJob {
  jwk: JsonWebKey;
  keyId: string;
  body: string;
  inboxes: string[];
  spec: "rfc9421" | "draft-cavage-http-signatures-12";
  parallel: number;
}

type Reply = { ready: true; url?: string } | { done: true; statuses: Record<string, number> };

/**
 * Starts the reference process in `mode`; `run` sends it a job and returns the
 * CPU seconds it used on it. REF_NODE_OPTIONS is passed on as NODE_OPTIONS
 * (e.g. "--cpu-prof --cpu-prof-dir=…", to compare its profile with the server's).
 */
export async function startReference(mode: "post-loop" | "bare-inbox", env: Record<string, string> = {}) {
  const child = fork(fileURLToPath(import.meta.url), [mode], {
    execArgv: ["--max-semi-space-size=8", "--experimental-strip-types", "--disable-warning=ExperimentalWarning"],
    env: { PATH: process.env.PATH ?? "", ...(process.env.REF_NODE_OPTIONS ? { NODE_OPTIONS: process.env.REF_NODE_OPTIONS } : {}), ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () => new Promise<Reply>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The ${mode} reference exited (${code})`));
    child.once("exit", onExit);
    child.once("message", (m) => (child.off("exit", onExit), resolve(m as Reply)));
  });
  const ready = (await next()) as { ready: true; url?: string };
  // Not at the top: the child would load the database code for nothing.
  const { cpuSeconds } = await import("./support.ts");
  return {
    url: ready.url,
    pid: child.pid!,
    /** Runs one job; CPU seconds of the reference process while it ran, and what it did. */
    cpuSeconds: () => cpuSeconds(child.pid!),
    async run(job: unknown): Promise<{ cpu: number; statuses: Record<string, number>; ms: number }> {
      const cpu = cpuSeconds(child.pid!);
      const t = performance.now();
      const answer = next();
      child.send(job as object);
      const { statuses } = (await answer) as { done: true; statuses: Record<string, number> };
      return { cpu: cpuSeconds(child.pid!) - cpu, statuses, ms: performance.now() - t };
    },
    stop: () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGTERM")))),
  };
}

/** Signs and POSTs one body to each inbox, `parallel` at a time. */
async function postLoop(job: PostLoopJob): Promise<Record<string, number>> {
  const { importJwk, signRequest } = await import("@fedify/fedify");
  const key = await importJwk(job.jwk, "private");
  const keyId = new URL(job.keyId);
  const statuses: Record<string, number> = {};
  let next = 0;
  await Promise.all(Array.from({ length: job.parallel }, async () => {
    while (next < job.inboxes.length) {
      const inbox = job.inboxes[next++];
      const request = new Request(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body: job.body });
      const signed = await signRequest(request, key, keyId, { spec: job.spec });
      const res = await fetch(signed).catch((e: Error) => ({ status: e.message, text: async () => "" }));
      await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }));
  return statuses;
}

/** Receives signed requests (the parent sends them, here only the count is asked back). */
async function bareInbox(): Promise<string> {
  const { createFederation, MemoryKvStore } = await import("@fedify/fedify");
  const { Create } = await import("@fedify/vocab");
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const host = process.env.HOST ?? "127.0.0.1";
  const port = Number(process.env.PORT);
  const federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  // Fedify answers 404 on any inbox without an actor dispatcher; no actor here is ever asked for.
  federation.setActorDispatcher("/users/{identifier}", () => null);
  federation.setInboxListeners("/users/{identifier}/inbox", "/inbox").on(Create, async () => {});
  const app = new Hono().use((c) => federation.fetch(c.req.raw, { contextData: undefined }));
  await new Promise<void>((resolve) => serve({ fetch: app.fetch, port, hostname: host }, () => resolve()));
  return `http://${host}:${port}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  // Stopped by a signal, it exits as a process does at its end: a --cpu-prof profile is written.
  process.on("SIGTERM", () => process.exit(0));
  const url = mode === "bare-inbox" ? await bareInbox() : undefined;
  process.on("message", async (job) => {
    const statuses = mode === "post-loop" ? await postLoop(job as PostLoopJob) : {};
    process.send!({ done: true, statuses });
  });
  process.send!({ ready: true, url });
}
