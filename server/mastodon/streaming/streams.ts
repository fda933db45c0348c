// Shared by the server-sent events stream (sse.ts) and its WebSocket relay
// (websocket.ts), which is wired at start and so imports only this.

/** The streams we serve. */
export const knownStreams = new Set(["user", "user:notification"]);

/** Set by the WebSocket relay: when the app connected, which may be a moment before it subscribed. */
export const sinceHeader = "X-Maillage-Stream-Since";
