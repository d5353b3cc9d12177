/* The service worker that keeps the guidebook working offline. macros/finish.py's "offline" step bundles
 * this module with one build's list of files into sw.js at the site's root (so that its scope is the site's
 * base path: "/" or "/<repository>/" on GitHub Pages, which sends no Service-Worker-Allowed header), and
 * takes this copy out of the published site. Pages never import it; core.js registers sw.js once the page
 * has loaded, and only where the finished page names it (the development server's pages do not).
 *
 * - Install: the build's whole set (every page, our assets, Material's, the search index) goes into a cache
 *   named after the build ("gb-offline:<base path>:<build hash>"). One file that cannot be fetched fails the
 *   install: the new worker is dropped with its half-filled cache, and the previous one serves on.
 * - Fetch: a file of the set comes from the cache (cache first); anything else goes to the network.
 * - A new build takes over at a navigation, never in the middle of a page. Material's instant navigation
 *   swaps pages with fetch() under a page that keeps its script: a page of the old build must never be
 *   handed the new build's pages or modules as if they were its own. So the new worker waits (no
 *   skipWaiting at install), and the OLD worker hands over when a page is opened and no other tab shows the
 *   guidebook: for a real navigation it asks the waiting worker to take over, waits until it is active and
 *   answers with a redirect to the same address, which the new worker then serves; for Material's fetch of a
 *   page it answers 503, on which Material falls back to a real navigation (its instant navigation does so
 *   on any failed fetch). With other tabs open the new build keeps waiting (the browser activates it once
 *   they are closed). The new worker deletes every other cache of this guidebook when it activates.
 * - A page of the old build that is still open when the new one takes over anyway (a tab opened while one
 *   other was open; the browser can only tell the worker how many tabs it controls) notices the change of
 *   controller (core.js) and opens its next page as a whole page. Until then, asking for an asset of its own
 *   build (an ?v= that is not this build's) gets a network error, never the new build's file.
 * - No clients.claim(): the page that installed the worker was not loaded by it, so it stays uncontrolled
 *   rather than be taken over by a worker of a build that may be newer than the page.
 *
 * The pure decisions (cache names, which caches to delete, what a request is answered with, when to take
 * over) are exported for tests/js/offline.test.mjs, which also runs serve() against stand-ins for the
 * browser's caches, clients and network. */

export const PREFIX = "gb-offline:";
export const TAKE_OVER = "gb:take-over"; // the old worker's message to the waiting one
const HANDOVER_LIMIT = 3000; // ms to wait for the new worker to become active before serving the old build

const basePath = (scope) => new URL(scope).pathname;

// The cache of one build of the guidebook at `scope`. The base path keeps the guidebooks of one github.io
// origin apart (they share its caches).
export const cacheName = (scope, build) => `${PREFIX}${basePath(scope)}:${build}`;

// The caches to delete when `current` becomes the active one: every other cache of this guidebook, and
// nothing of another guidebook on the same origin.
export const staleCaches = (names, scope, current) =>
  names.filter((name) => name !== current && name.startsWith(`${PREFIX}${basePath(scope)}:`));

// A page as the set names it: "" for the home page, "<folder>/" (MkDocs' directory URLs) or "<name>.html".
const isPage = (path) => path === "" || path.endsWith("/") || path.endsWith(".html");

// What a request for `url` is answered with:
// - { key, page }: a file of the build's set, as the cache keeps it (a page whatever its query: search
//   results link to "<page>/?h=<words>"; our assets with this build's ?v= or none);
// - { refused: true }: one of our assets with another build's ?v=, which only a page of another build asks
//   for: a network error, never this build's file in its place;
// - null: not in the set: the network's (the browser fetches it as if there were no worker).
// `build` is { version, files: a Set of the set's paths }.
export function lookup(url, scope, build) {
  const asked = new URL(url);
  const base = new URL(scope);
  if (asked.origin !== base.origin || !asked.pathname.startsWith(base.pathname)) return null;
  const path = asked.pathname.slice(base.pathname.length).replace(/(^|\/)index\.html$/, "$1");
  if (!build.files.has(path)) return null;
  const key = new URL(path, base).href;
  if (isPage(path)) return { key, page: true };
  const version = asked.searchParams.get("v");
  if (!asked.search || (version === build.version && [...asked.searchParams.keys()].length === 1)) return { key, page: false };
  return version === null ? null : { refused: true };
}

// Whether opening a page is the moment for a waiting worker to take over: "navigate" (a real navigation)
// when at most one tab shows the guidebook (the one navigating, if any); "whole page" (Material's fetch of a
// page) when the only tab is the one asking; null otherwise (the current build serves on).
export function takeOver(request, waiting, windows) {
  if (!waiting || !request.page) return null;
  if (request.mode === "navigate") return windows.length <= 1 ? "navigate" : null;
  return windows.every((client) => client.id === request.clientId) ? "whole page" : null;
}

/* ---- The worker ---------------------------------------------------------------------------------- */

// Until `worker` (the waiting one) is active or has failed, or HANDOVER_LIMIT has passed: true once active.
function handOver(worker, wait) {
  return new Promise((resolve) => {
    const settled = () => {
      if (worker.state === "activated") resolve(true);
      if (worker.state === "redundant") resolve(false);
    };
    worker.addEventListener("statechange", settled);
    wait(() => resolve(false), HANDOVER_LIMIT);
    worker.postMessage(TAKE_OVER);
    settled();
  });
}

// `self` is the ServiceWorkerGlobalScope (its caches, clients, fetch and registration); `build` is what
// finish.py writes: { build: hash of the set, version: the ?v= of our assets, files: the set, relative to
// the site's root }.
export function serve(self, build) {
  const scope = self.registration.scope;
  const name = cacheName(scope, build.build);
  const known = { version: build.version, files: new Set(build.files) };

  self.addEventListener("install", (event) => event.waitUntil((async () => {
    const cache = await self.caches.open(name);
    try {
      // no-cache: revalidated with the server, so that files the HTTP cache still holds from the previous
      // build (GitHub Pages lets browsers keep them ten minutes) never land in this build's cache
      await cache.addAll(build.files.map((path) => new Request(new URL(path, scope).href, { cache: "no-cache" })));
    } catch (error) {
      await self.caches.delete(name);
      throw error; // the install fails: this worker is dropped, the previous one serves on
    }
  })()));

  self.addEventListener("activate", (event) => event.waitUntil(
    self.caches.keys().then((names) => Promise.all(staleCaches(names, scope, name).map((stale) => self.caches.delete(stale))))));

  self.addEventListener("message", (event) => {
    if (event.data === TAKE_OVER) self.skipWaiting();
  });

  self.addEventListener("fetch", (event) => {
    const { request } = event;
    const found = request.method === "GET" ? lookup(request.url, scope, known) : null;
    if (found) event.respondWith(answer(request, event.clientId, found));
  });

  async function answer(request, clientId, found) {
    if (found.refused) return Response.error();
    const waiting = self.registration.waiting;
    if (waiting && found.page) {
      const windows = await self.clients.matchAll({ type: "window" });
      const step = takeOver({ page: true, mode: request.mode, clientId }, waiting, windows);
      if (step === "whole page") return new Response("", { status: 503, statusText: "A new version is ready" });
      if (step === "navigate" && await handOver(waiting, self.setTimeout.bind(self))) return Response.redirect(request.url, 302);
    }
    // Read with cacheName, which never creates a cache (open() would make an empty one again after the next
    // build's activation deleted this one).
    return (await self.caches.match(found.key, { cacheName: name })) || self.fetch(request);
  }
}
