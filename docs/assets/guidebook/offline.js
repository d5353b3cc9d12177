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
 *   guidebook: at a real navigation it asks the waiting worker to take over and answers at once with an
 *   empty page that reloads itself once the new worker is active, which then serves it (the old worker cannot
 *   wait for the new one: a worker is activated only once the old one has no event left in hand, this
 *   navigation included; RELOAD_PAGE below). It asks
 *   each waiting worker once: should that one still not be active at the next navigation, the old build
 *   serves it rather than reload again. With other tabs open the new build keeps waiting (the browser
 *   activates it once they are closed). The new worker deletes every other cache of this guidebook when it
 *   activates.
 * - Pages help (core.js): once a newer build waits or has taken over, their links open whole pages (real
 *   navigations) instead of Material's fetch, which the old worker would answer with the old build's page.
 *   A page of the old build still open when the new one takes over anyway (a tab opened while one other was
 *   open: the browser tells a worker how many tabs it controls, not which one navigates) then gets its next
 *   page whole, from the new build; until then, asking for an asset of its own build (an ?v= that is not
 *   this build's) gets a network error, never the new build's file.
 * - No clients.claim(): the page that installed the worker was not loaded by it, so it stays uncontrolled
 *   rather than be taken over by a worker of a build that may be newer than the page.
 *
 * The pure decisions (cache names, which caches to delete, what a request is answered with, when to take
 * over) are exported for tests/js/offline.test.mjs, which also runs serve() against stand-ins for the
 * browser's caches, clients and network. */

export const PREFIX = "gb-offline:";
export const TAKE_OVER = "gb:take-over"; // the old worker's message to the waiting one

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
// - { key, page }: a file of the build's set, as the cache keeps it: a page whatever its query (search results
//   link to "<page>/?h=<words>"), by its folder ("chapters/x/" for ".../x/index.html"); any other file by the
//   very address the pages ask for, ?v= included (our assets: a module's address is where it imports from);
// - { refused: true }: one of our assets with another build's ?v=, which only a page of another build asks
//   for: a network error, never this build's file in its place;
// - null: not in the set: the network's (the browser fetches it as if there were no worker).
// `build` is { version: the ?v= of our assets, files: a Set of the set's addresses relative to the root }.
export function lookup(url, scope, build) {
  const asked = new URL(url);
  const base = new URL(scope);
  if (asked.origin !== base.origin || !asked.pathname.startsWith(base.pathname)) return null;
  const path = asked.pathname.slice(base.pathname.length).replace(/(^|\/)index\.html$/, "$1");
  const key = (name) => ({ key: new URL(name, base).href, page: isPage(name) });
  if (isPage(path)) return build.files.has(path) ? key(path) : null;
  const versioned = `${path}?v=${build.version}`;
  if (asked.search === `?v=${build.version}` && build.files.has(versioned)) return key(versioned);
  if (!asked.search && build.files.has(path)) return key(path);
  return asked.searchParams.has("v") && (build.files.has(versioned) || build.files.has(path)) ? { refused: true } : null;
}

// Whether a request is the moment for a waiting worker to take over: a real navigation to a page of the set
// while at most one tab shows the guidebook (the one navigating, if any). Material's fetch of a page never is:
// the page it would go into runs the old build.
export const takeOver = (request, waiting, windows) =>
  Boolean(waiting && request.page && request.mode === "navigate" && windows.length <= 1);

// The page the old worker answers a navigation with when it hands over: it reloads once the waiting worker
// has activated, so that the new worker answers the reload. (Reloading at once raced the activation: on a
// busy machine the old worker got the reload and served its own build.) Should the waiting worker fail
// (redundant) or take longer than 5 s, it reloads all the same and the old build serves. Its icon is none,
// or the browser would ask the server's root for /favicon.ico.
export const RELOAD_PAGE = `<link rel="icon" href="data:,"><script>
const reload = () => location.reload();
setTimeout(reload, 5000);
navigator.serviceWorker.getRegistration().then((registration) => {
  const next = registration && registration.waiting;
  const ready = () => !next || next.state === "activated" || next.state === "redundant";
  if (next) next.addEventListener("statechange", () => ready() && reload());
  if (ready()) reload();
}, reload);
</script>`;

/* ---- The worker ---------------------------------------------------------------------------------- */

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
    if (found) event.respondWith(answer(request, found));
  });

  const asked = new WeakSet(); // the waiting workers asked to take over

  async function answer(request, found) {
    if (found.refused) return Response.error();
    const waiting = self.registration.waiting;
    if (waiting && found.page && !asked.has(waiting)) {
      if (takeOver({ page: true, mode: request.mode }, waiting, await self.clients.matchAll({ type: "window" }))) {
        asked.add(waiting);
        waiting.postMessage(TAKE_OVER);
        return new Response(RELOAD_PAGE, { headers: { "Content-Type": "text/html" } });
      }
    }
    // Read with cacheName, which never creates a cache (open() would make an empty one again after the next
    // build's activation deleted this one).
    return (await self.caches.match(found.key, { cacheName: name })) || self.fetch(request);
  }
}
