// Runs our real entry points as child processes, as an operator would.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

export const repoRoot = join(import.meta.dirname, "..", "..");
export const nodeArgs = ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The file `npx maillage` runs (package.json "bin"). */
const cliBin = join(repoRoot, JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).bin.maillage);

/** Runs `maillage ARGS` as `npx maillage` does, with the given environment (on top of PATH only). */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliBin, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", ...env },
      timeout: 150_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
  }
}
