// The rest of the fediverse, as seen by one instance under test: remote actor
// documents served by a stub document loader, WebFinger and inbox deliveries
// served by a stub `fetch`. Anything unexpected fails loudly.
import {
  exportSpki,
  FetchError,
  preloadedContexts,
  signRequest,
  type DocumentLoader,
  type RemoteDocument,
} from "@fedify/fedify";

export interface RemoteActorSpec {
  id: string;
  type?: string;
  preferredUsername?: string;
  name?: string;
  inbox?: string;
  sharedInbox?: string | null;
  keyId?: string;
  /** An actor document to serve instead of the generated one; {{PUBLIC_KEY_PEM}} is replaced. */
  document?: Record<string, unknown>;
}

export interface RemoteActorKeys {
  id: string;
  keyId: string;
  inbox: string;
  privateKey: CryptoKey;
}

export interface Delivery {
  inbox: string;
  activity: Record<string, unknown>;
  headers: Headers;
}

/** RSA 2048 (faster to make than Fedify's 4096-bit default; verification is the same). */
export async function testKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
}

export class FakeFediverse {
  readonly documents = new Map<string, unknown>();
  readonly gone = new Set<string>();
  /** Documents whose server does not answer in time (as our fetch deadline reports it). */
  readonly unanswered = new Set<string>();
  readonly deliveries: Delivery[] = [];
  readonly inboxes = new Set<string>();
  /** `acct:name@host` → actor id, for WebFinger. */
  readonly handles = new Map<string, string>();
  readonly unexpected: string[] = [];

  serve(url: string, document: unknown): void {
    this.documents.set(url, document);
  }

  async addActor(spec: RemoteActorSpec): Promise<RemoteActorKeys> {
    const { publicKey, privateKey } = await testKeyPair();
    const pem = await exportSpki(publicKey);
    const keyId = spec.keyId ?? `${spec.id}#main-key`;
    const url = new URL(spec.id);
    const inbox = spec.inbox ?? `${spec.id}/inbox`;
    const sharedInbox = spec.sharedInbox === undefined ? `${url.origin}/inbox` : spec.sharedInbox;
    const document = spec.document
      ? JSON.parse(JSON.stringify(spec.document).replaceAll("{{PUBLIC_KEY_PEM}}", pem.replaceAll("\n", "\\n")))
      : {
          "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
          id: spec.id,
          type: spec.type ?? "Person",
          preferredUsername: spec.preferredUsername ?? url.pathname.split("/").pop(),
          name: spec.name ?? "Remote",
          inbox,
          outbox: `${spec.id}/outbox`,
          followers: `${spec.id}/followers`,
          ...(sharedInbox ? { endpoints: { sharedInbox } } : {}),
          publicKey: { id: keyId, owner: spec.id, publicKeyPem: pem },
        };
    this.serve(spec.id, document);
    // GoToSocial-style key ids (`.../main-key`) are fetched on their own: serve the actor there too.
    const keyDocument = keyId.replace(/#.*$/, "");
    if (keyDocument !== spec.id) this.serve(keyDocument, document);
    const served = document as { inbox?: string; endpoints?: { sharedInbox?: string } };
    this.inboxes.add(served.inbox ?? inbox);
    if (served.endpoints?.sharedInbox) this.inboxes.add(served.endpoints.sharedInbox);
    const username = (document as { preferredUsername?: string }).preferredUsername;
    if (username) this.handles.set(`acct:${username}@${url.host}`, spec.id);
    return { id: spec.id, keyId, inbox: served.inbox ?? inbox, privateKey };
  }

  readonly documentLoader: DocumentLoader = async (given: string): Promise<RemoteDocument> => {
    const url = new URL(given).href; // "http://schema.org" → "http://schema.org/", as Fedify's loader does
    if (url in preloadedContexts) return { contextUrl: null, documentUrl: url, document: preloadedContexts[url] };
    const withoutFragment = url.replace(/#.*$/, "");
    if (this.unanswered.has(withoutFragment)) throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    if (this.gone.has(withoutFragment)) {
      throw new FetchError(url, "Gone", new Response(null, { status: 410 }));
    }
    const document = this.documents.get(url) ?? this.documents.get(withoutFragment);
    if (document === undefined) {
      this.unexpected.push(url);
      throw new FetchError(url, `Unexpected fetch in test: ${url}`);
    }
    return { contextUrl: null, documentUrl: url, document };
  };

  readonly loaderFactory = () => this.documentLoader;

  /** Stands in for global fetch: WebFinger, documents, inbox deliveries. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method === "POST" && this.inboxes.has(url.href)) {
      const activity = (await request.json()) as Record<string, unknown>;
      this.deliveries.push({ inbox: url.href, activity, headers: request.headers });
      return new Response(null, { status: 202 });
    }
    if (request.method === "GET" && url.pathname === "/.well-known/webfinger") {
      const resource = url.searchParams.get("resource") ?? "";
      const id = this.handles.get(resource);
      if (!id) return new Response("Not found", { status: 404 });
      const links = [{ rel: "self", type: "application/activity+json", href: id }];
      return Response.json({ subject: resource, links }, { headers: { "content-type": "application/jrd+json" } });
    }
    // Fedify's own loader (test mode) asks for key ids with their fragment.
    url.hash = "";
    if (request.method === "GET" && this.unanswered.has(url.href)) throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    if (request.method === "GET" && this.documents.has(url.href)) {
      return Response.json(this.documents.get(url.href), { headers: { "content-type": "application/activity+json" } });
    }
    this.unexpected.push(`${request.method} ${url.href}`);
    throw new TypeError(`Unexpected ${request.method} ${url.href} in test`);
  };

  deliveriesOfType(type: string): Delivery[] {
    return this.deliveries.filter((d) => d.activity.type === type);
  }
}

/** A signed POST of `activity` to `url`, as `signer` would send it. */
export async function signedPost(
  url: string,
  activity: unknown,
  signer: { keyId: string; privateKey: CryptoKey },
  spec: "draft-cavage-http-signatures-12" | "rfc9421" = "draft-cavage-http-signatures-12",
): Promise<Request> {
  const request = new Request(url, {
    method: "POST",
    headers: { "content-type": "application/activity+json", accept: "application/activity+json" },
    body: JSON.stringify(activity),
  });
  return signRequest(request, signer.privateKey, new URL(signer.keyId), { spec });
}
