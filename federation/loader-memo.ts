// Fedify builds a new document loader and a new context loader for each
// context it creates (several per inbound activity), and each is wrapped by
// its KV cache, which compiles a URLPattern and parses Temporal durations for
// its rules every time: ~0.5 ms of CPU per inbound reply (inbox bench
// profile). The loaders are functions of the options alone (user agent,
// private addresses) and keep no state of their own, so one per options is
// built and reused.
import type { Federation } from "@fedify/fedify";

type Factory = (options?: object) => unknown;
interface LoaderFactories {
  documentLoaderFactory: Factory;
  contextLoaderFactory: Factory;
}

// Options vary only with the origin a request came to (in the user agent): a handful.
const MAX_ENTRIES = 32;

function memoized(factory: Factory): Factory {
  const built = new Map<string, unknown>();
  return (options) => {
    const key = JSON.stringify(options ?? null);
    let loader = built.get(key);
    if (loader === undefined) {
      loader = factory(options);
      built.set(key, loader);
      if (built.size > MAX_ENTRIES) built.delete(built.keys().next().value!);
    }
    return loader;
  };
}

/** Makes `federation`'s built-in loader factories reuse the loaders they built. */
export function reuseLoaders(federation: Federation<any>): void {
  const factories = federation as unknown as LoaderFactories;
  if (typeof factories.documentLoaderFactory !== "function" || typeof factories.contextLoaderFactory !== "function") return;
  factories.documentLoaderFactory = memoized(factories.documentLoaderFactory.bind(federation));
  factories.contextLoaderFactory = memoized(factories.contextLoaderFactory.bind(federation));
}
