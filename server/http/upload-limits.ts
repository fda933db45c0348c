// The upload routes and their body limit (the rest of the API keeps 1 MiB):
// read by the app's body-limit middleware, before any API module is loaded.
export const uploadPath = /^\/api\/(networks\/[^/]+\/media|v[12]\/media)$/;
export const maxUploadBytes = 25 * 1024 * 1024;
