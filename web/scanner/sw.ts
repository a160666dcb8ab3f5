/**
 * The scanner's service worker, written by hand: it keeps the app shell so the page opens with no
 * network. The build replaces `__SCANNER_PRECACHE__` and `__SCANNER_VERSION__` (vite.config.ts).
 * API calls are never cached here: the page keeps its data (snapshot, queued scans) in IndexedDB.
 */
declare const __SCANNER_PRECACHE__: string[];
declare const __SCANNER_VERSION__: string;

// The DOM lib is what the project compiles with; these are the few worker types used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  registration: { scope: string };
  location: Location;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

// The page's DOM library types `self` as a Window; this file runs as the service worker, whose scope is above.
const sw = self as unknown as WorkerScope;
const CACHE = `opsdesk-scanner-${__SCANNER_VERSION__}`;
const scope = new URL(sw.registration.scope);
const shellUrl = new URL('./', scope).href;
const NAVIGATION_TIMEOUT_MS = 3000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([shellUrl, ...__SCANNER_PRECACHE__.map((path) => new URL(path, scope).href)]);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('opsdesk-scanner-') && name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

/** The cache key of a page: a page of its own (the exhibition booth page, `booth.html`) or the scanner's shell. */
function pageKey(request: Request): string {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const ownPage = __SCANNER_PRECACHE__.some(
    (path) => path.endsWith('.html') && new URL(path, scope).href === url.href,
  );
  return ownPage ? url.href : shellUrl;
}

/** Network first for the page itself (so updates arrive), with the cached page when it fails or hangs. */
async function navigation(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = pageKey(request);
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(NAVIGATION_TIMEOUT_MS) });
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch {
    return (await cache.match(key)) ?? Response.error();
  }
}

/** Hashed assets never change: cache first. */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && request.url.includes('/assets/')) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(navigation(request));
  else event.respondWith(asset(request));
});
