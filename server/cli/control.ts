// While the server holds the PGlite data directory, CLI runs are forwarded to
// it over a Unix socket in that directory (file permissions guard it).
import { request } from "node:http";
import { chmodSync, rmSync } from "node:fs";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import type { CliContext } from "./program.ts";

export interface CliOutput {
  code: number;
  out: string[];
  err: string[];
}

export async function runCaptured(ctx: Omit<CliContext, "out" | "err">, argv: string[]): Promise<CliOutput> {
  const out: string[] = [];
  const err: string[] = [];
  // The program (commander, and every command's use-case) is loaded at the first command, not at start.
  const { runProgram } = await import("./program.ts");
  const code = await runProgram({ ...ctx, out: (l) => out.push(l), err: (l) => err.push(l) }, argv);
  return { code, out, err };
}

export async function startControlServer(socketPath: string, ctx: Omit<CliContext, "out" | "err">) {
  const app = new Hono().post("/cli", async (c) => {
    const { argv } = await c.req.json<{ argv: string[] }>();
    return c.json(await runCaptured(ctx, argv));
  });
  rmSync(socketPath, { force: true });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

export function forwardToServer(socketPath: string, argv: string[]): Promise<CliOutput> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: "/cli", method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on("error", reject);
    req.end(JSON.stringify({ argv }));
  });
}
