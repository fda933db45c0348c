// Where the Mastodon client API answers (server/mastodon/index.ts): the app
// loads the client APIs at the first request to these paths (server/http/lazy-app.ts).
// A test checks that every route of the API lies under one of them.
export const mastodonPaths = ["/api/v1/*", "/api/v2/*", "/oauth/*", "/.well-known/oauth-authorization-server", "/mastodon/*"];
