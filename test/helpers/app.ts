// An app on a fresh test database, and a small client that keeps its cookie
// and CSRF token like a browser tab would.
import { loadConfig, type Config } from "../../server/config.ts";
import { createApp } from "../../server/app.ts";
import type { DatabaseHandle } from "../../db/client.ts";
import { createTestDatabase } from "./db.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  handle: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
  client(): Client;
}

/** `env` adds settings (SMTP_URL, ...). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const handle = await createTestDatabase();
  const config = loadConfig({
    PUBLIC_URL: "https://maillage.test",
    DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-app-")),
    WEB_DIST: join(tmpdir(), "maillage-no-web"),
    ...env,
  });
  const app = createApp({ db: handle.db, dbKind: handle.kind, config, listen: handle.listen });
  return { app, handle, config, close: () => handle.close(), client: () => new Client(app) };
}

export class Client {
  cookie = "";
  csrfToken = "";
  actingFor: string | undefined;
  private app: TestApp["app"];

  constructor(app: TestApp["app"]) {
    this.app = app;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const all: Record<string, string> = { ...headers };
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrfToken && method !== "GET") all["x-csrf-token"] = this.csrfToken;
    if (this.actingFor) all["x-acting-for"] = this.actingFor;
    if (body !== undefined) all["content-type"] = "application/json";
    const res = await this.app.request(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.get("set-cookie");
    if (set) {
      const [pair] = set.split(";");
      this.cookie = pair.endsWith("=") ? "" : pair;
    }
    const text = await res.text();
    const json = text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined;
    if (json?.csrfToken) this.csrfToken = json.csrfToken;
    return { status: res.status, body: json, headers: res.headers, text };
  }

  /** Posts a multipart form with one file (field "file") and extra fields, like a browser form. */
  async upload(path: string, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(bytes)], name));
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    if (this.actingFor) headers["x-acting-for"] = this.actingFor;
    const res = await this.app.request(path, { method: "POST", headers, body: form });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined, headers: res.headers, text };
  }

  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, undefined, headers);
  post = (path: string, body?: unknown) => this.request("POST", path, body ?? {});
  put = (path: string, body: unknown) => this.request("PUT", path, body);
  patch = (path: string, body: unknown) => this.request("PATCH", path, body);
  delete = (path: string, body?: unknown) => this.request("DELETE", path, body);
}

export const adminAccount = { handle: "camille", displayName: "Camille", password: "correct horse battery" };

/** An instance with its admin logged in and one network: the usual starting point. */
export async function withNetwork(t: TestApp, slug = "lilas") {
  const admin = t.client();
  await admin.post("/api/setup", adminAccount);
  const res = await admin.post("/api/networks", { slug, name: "Les Lilas", area: "Rue des Lilas, Nantes" });
  if (res.status !== 201) throw new Error(`network: ${res.text}`);
  return admin;
}

/** Signs a new neighbour up with a fresh invitation from `animator`. */
export async function joinWith(t: TestApp, animator: Client, handle: string, slug = "lilas", role = "member") {
  const inv = await animator.post(`/api/networks/${slug}/invitations`, { role });
  if (inv.status !== 201) throw new Error(`invitation: ${inv.text}`);
  const neighbour = t.client();
  const res = await neighbour.post("/api/signup", {
    code: inv.body.invitation.code,
    acceptPrinciples: true,
    handle,
    displayName: handle[0].toUpperCase() + handle.slice(1),
    password: `${handle} has a long password`,
  });
  if (res.status !== 201) throw new Error(`signup: ${res.text}`);
  return neighbour;
}
