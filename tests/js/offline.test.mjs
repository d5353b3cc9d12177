// The service worker (docs/assets/guidebook/offline.js): its pure decisions, then serve() itself against
// stand-ins for what a browser hands a worker (its caches, clients, network and registration), so that each
// event is checked the way a browser would drive it. tests/test_offline.py runs the real thing in Chromium,
// Firefox and WebKitGTK.
import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { PREFIX, RELOAD_PAGE, TAKE_OVER, cacheName, lookup, serve, staleCaches, takeOver } from "../../docs/assets/guidebook/offline.js";

const SCOPE = "https://reader.github.io/guidebook/";
const BUILD = { version: "abc123", files: new Set(["", "chapters/demo/", "404.html", "assets/guidebook/main.js?v=abc123", "search/search_index.json", "assets/brand/a%20b.svg"]) };

/* ---- Cache names ------------------------------------------------------------------------------- */

test("a build's cache is named after the guidebook's base path and the build", () => {
  assert.equal(cacheName(SCOPE, "f00"), `${PREFIX}/guidebook/:f00`);
  assert.notEqual(cacheName("https://reader.github.io/other/", "f00"), cacheName(SCOPE, "f00"));
});

test("activation deletes every other cache of this guidebook and nothing of another", () => {
  const current = cacheName(SCOPE, "new");
  const names = [current, cacheName(SCOPE, "old"), cacheName(SCOPE, "older"),
    cacheName("https://reader.github.io/guidebook/nested/", "x"), cacheName("https://reader.github.io/", "x"),
    cacheName("https://reader.github.io/guide/", "x"), "workbox-precache-v2", "gb-offline"];
  assert.deepEqual(staleCaches(names, SCOPE, current), [cacheName(SCOPE, "old"), cacheName(SCOPE, "older")]);
  assert.deepEqual(staleCaches([current], SCOPE, current), []);
});

/* ---- What a request is answered with --------------------------------------------------------- */

test("a page is found by its folder, its index.html, or with any query", () => {
  for (const [url, key] of [
    [SCOPE, SCOPE], [SCOPE + "index.html", SCOPE], [SCOPE + "?h=goal", SCOPE],
    [SCOPE + "chapters/demo/", SCOPE + "chapters/demo/"], [SCOPE + "chapters/demo/index.html", SCOPE + "chapters/demo/"],
    [SCOPE + "chapters/demo/?h=goal#first-steps", SCOPE + "chapters/demo/"], [SCOPE + "404.html", SCOPE + "404.html"],
  ]) assert.deepEqual(lookup(url, SCOPE, BUILD), { key, page: true }, url);
});

test("our assets are found by the very address the pages ask for, and refused with another build's version", () => {
  const main = SCOPE + "assets/guidebook/main.js";
  assert.deepEqual(lookup(main + "?v=abc123", SCOPE, BUILD), { key: main + "?v=abc123", page: false },
    "kept with its ?v=, so that a module served from the cache imports from its own address");
  assert.equal(lookup(main, SCOPE, BUILD), null, "without its version: not what this build's pages ask for");
  assert.deepEqual(lookup(SCOPE + "search/search_index.json", SCOPE, BUILD), { key: SCOPE + "search/search_index.json", page: false });
  assert.deepEqual(lookup(SCOPE + "assets/brand/a%20b.svg", SCOPE, BUILD), { key: SCOPE + "assets/brand/a%20b.svg", page: false });
  assert.deepEqual(lookup(main + "?v=0ld", SCOPE, BUILD), { refused: true }, "a page of another build asks for its own");
  assert.deepEqual(lookup(main + "?v=abc123&x=1", SCOPE, BUILD), { refused: true });
  assert.deepEqual(lookup(SCOPE + "search/search_index.json?v=0ld", SCOPE, BUILD), { refused: true });
  assert.equal(lookup(SCOPE + "search/search_index.json?x=1", SCOPE, BUILD), null, "an unknown query: the network's");
});

test("what is not in the set is left to the network", () => {
  for (const url of [
    SCOPE + "guidebook.pdf", SCOPE + "chapters/gone/", SCOPE + "assets/guidebook/missing.js?v=abc123",
    "https://reader.github.io/", "https://reader.github.io/other/", "https://reader.github.io/guidebookx/",
    "https://elsewhere.example/guidebook/", "http://reader.github.io/guidebook/",
  ]) assert.equal(lookup(url, SCOPE, BUILD), null, url);
});

/* ---- When a waiting build takes over ------------------------------------------------------------ */

test("a waiting build takes over at a real navigation to a page, when no other tab shows the guidebook", () => {
  const waiting = { state: "installed" };
  const navigate = { page: true, mode: "navigate" };
  assert.equal(takeOver(navigate, waiting, []), true, "no tab open: a new visit");
  assert.equal(takeOver(navigate, waiting, [{ id: "tab-1" }]), true, "the tab that navigates");
  assert.equal(takeOver(navigate, waiting, [{ id: "tab-1" }, { id: "tab-2" }]), false, "another tab shows the old build");
  assert.equal(takeOver({ page: true, mode: "cors" }, waiting, []), false, "Material's fetch: the page it goes into is old");
  assert.equal(takeOver(navigate, null, []), false, "nothing waiting");
  assert.equal(takeOver({ page: false, mode: "navigate" }, waiting, []), false, "an asset is never the moment");
});

/* ---- The worker, driven as a browser drives it ------------------------------------------------- */

class Cache {
  constructor(network) { this.network = network; this.entries = new Map(); }
  async addAll(requests) { // all or nothing, as the Cache API's addAll is
    const responses = await Promise.all(requests.map((request) => this.network(request)));
    if (responses.some((response) => !response.ok)) throw new TypeError("addAll: a request failed");
    requests.forEach((request, i) => this.entries.set(request.url, responses[i]));
  }
  async match(url) { return this.entries.get(typeof url === "string" ? url : url.url)?.clone(); }
}

// A browser for one worker: its network (a map of URL to body; anything else is a 404, or a network error
// when offline), its caches, its windows, its registration and its events.
function browser({ files = {}, caches: existing = {} } = {}) {
  const requested = [];
  const state = { offline: false, windows: [], skipped: 0, messages: [] };
  const network = async (request) => {
    requested.push(request);
    if (state.offline) throw new TypeError("Failed to fetch");
    return request.url in files ? new Response(files[request.url]) : new Response("not found", { status: 404 });
  };
  const stores = new Map(Object.entries(existing).map(([name, entries]) => {
    const cache = new Cache(network);
    Object.entries(entries).forEach(([url, body]) => cache.entries.set(url, new Response(body)));
    return [name, cache];
  }));
  const listeners = {};
  const self = {
    registration: { scope: SCOPE, waiting: null },
    caches: {
      open: async (name) => { if (!stores.has(name)) stores.set(name, new Cache(network)); return stores.get(name); },
      delete: async (name) => stores.delete(name),
      keys: async () => [...stores.keys()],
      match: async (url, { cacheName: name }) => stores.get(name)?.match(url),
    },
    clients: { matchAll: async () => state.windows },
    fetch: network,
    skipWaiting: () => { state.skipped += 1; },
    addEventListener: (type, listener) => { (listeners[type] ||= []).push(listener); },
  };
  const fire = async (type, fields = {}) => {
    const event = { ...fields, waitUntil(promise) { this.done = promise; }, respondWith(promise) { this.response = promise; } };
    listeners[type].forEach((listener) => listener(event));
    if (event.done) await event.done;
    return event;
  };
  const get = async (url, { mode = "cors", method = "GET", clientId = "tab-1" } = {}) => {
    const request = new Request(url, { method });
    Object.defineProperty(request, "mode", { value: mode }); // "navigate" cannot be asked for in a RequestInit
    const event = await fire("fetch", { request, clientId });
    return event.response;
  };
  return { self, state, stores, requested, fire, get, network };
}

const PAGE = (text) => `<html><body>${text}</body></html>`;
const SITE = {
  "": PAGE("home"), "chapters/demo/": PAGE("demo v1"), "404.html": PAGE("not here"),
  "assets/guidebook/main.js?v=abc123": "start()", "search/search_index.json": "{}", "assets/brand/a%20b.svg": "<svg/>",
};
const ONLINE = Object.fromEntries(Object.entries(SITE).map(([path, body]) => [SCOPE + path, body]));
const BUILD_FILES = { build: "b1", version: "abc123", files: Object.keys(SITE) };
const NAME = cacheName(SCOPE, "b1");

async function installed(options = {}) {
  const b = browser({ files: ONLINE, ...options });
  serve(b.self, BUILD_FILES);
  await b.fire("install");
  await b.fire("activate");
  return b;
}

test("install puts the whole set into the build's cache, revalidating what the HTTP cache holds", async () => {
  const b = await installed();
  assert.deepEqual([...b.stores.keys()], [NAME]);
  assert.deepEqual([...b.stores.get(NAME).entries.keys()].sort(), Object.keys(ONLINE).sort());
  assert.ok(b.requested.every((request) => request.cache === "no-cache"));
});

test("one missing file fails the install and leaves nothing of the build; the previous build stays", async () => {
  const previous = cacheName(SCOPE, "b0");
  const files = { ...ONLINE };
  delete files[SCOPE + "search/search_index.json"];
  const b = browser({ files, caches: { [previous]: { [SCOPE]: PAGE("home v0") } } });
  serve(b.self, BUILD_FILES);
  await assert.rejects(b.fire("install"));
  assert.deepEqual([...b.stores.keys()], [previous], "the half-filled cache is gone, the previous one kept");
  assert.equal(await (await b.stores.get(previous).match(SCOPE)).text(), PAGE("home v0"));
});

test("activation deletes the previous builds' caches and keeps other guidebooks' caches", async () => {
  const neighbour = cacheName("https://reader.github.io/another/", "x");
  const b = browser({ files: ONLINE, caches: { [cacheName(SCOPE, "b0")]: {}, [neighbour]: {}, "someone-else": {} } });
  serve(b.self, BUILD_FILES);
  await b.fire("install");
  await b.fire("activate");
  assert.deepEqual([...b.stores.keys()].sort(), [NAME, neighbour, "someone-else"].sort());
});

test("offline, every file of the set comes from the cache", async () => {
  const b = await installed();
  b.state.offline = true;
  assert.equal(await (await b.get(SCOPE + "chapters/demo/?h=goal", { mode: "navigate" })).text(), PAGE("demo v1"));
  assert.equal(await (await b.get(SCOPE + "chapters/demo/index.html")).text(), PAGE("demo v1"));
  assert.equal(await (await b.get(SCOPE + "assets/guidebook/main.js?v=abc123")).text(), "start()");
  assert.equal(await (await b.get(SCOPE + "search/search_index.json")).text(), "{}");
});

test("cache first: a changed file on the server does not reach a page of this build", async () => {
  const b = await installed();
  const before = b.requested.length;
  assert.equal(await (await b.get(SCOPE + "chapters/demo/", { mode: "navigate" })).text(), PAGE("demo v1"));
  assert.equal(b.requested.length, before, "no request went to the network");
});

test("a file of the set that the cache lost is fetched from the network", async () => {
  const b = await installed();
  b.stores.get(NAME).entries.delete(SCOPE + "404.html");
  assert.equal(await (await b.get(SCOPE + "404.html")).text(), PAGE("not here"));
});

test("what is not in the set is not answered, so the browser fetches it; nor is anything but GET", async () => {
  const b = await installed();
  assert.equal(await b.get(SCOPE + "guidebook.pdf"), undefined);
  assert.equal(await b.get("https://elsewhere.example/x.js"), undefined);
  assert.equal(await b.get(SCOPE + "chapters/demo/", { method: "POST" }), undefined);
});

test("another build's asset gets a network error, never this build's file", async () => {
  const b = await installed();
  const response = await b.get(SCOPE + "assets/guidebook/main.js?v=0ld");
  assert.equal(response.type, "error");
});

function waitingWorker(b) {
  const waiting = { state: "installed", postMessage: (message) => b.state.messages.push(message) };
  b.self.registration.waiting = waiting;
  return waiting;
}

test("a navigation in the only tab asks the waiting build to take over and reloads into it", async () => {
  const b = await installed();
  waitingWorker(b);
  b.state.windows = [{ id: "tab-1" }];
  const response = await b.get(SCOPE + "chapters/demo/", { mode: "navigate", clientId: "" });
  assert.deepEqual(b.state.messages, [TAKE_OVER]);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), RELOAD_PAGE, "an empty page that reloads itself: the new worker serves that");
});

// RELOAD_PAGE's script in a stand-in for its page: a registration whose waiting worker (if any) changes
// state when told to, a location that counts reloads, and timers run by hand.
async function reloadPage(waitingState) {
  const listeners = [];
  const waiting = waitingState && { state: waitingState, addEventListener: (type, listener) => listeners.push(listener) };
  const page = { reloads: 0, timers: [] };
  const context = vm.createContext({
    location: { reload: () => { page.reloads += 1; } },
    setTimeout: (callback, ms) => page.timers.push({ callback, ms }),
    navigator: { serviceWorker: { getRegistration: async () => ({ waiting }) } }
  });
  vm.runInContext(RELOAD_PAGE.match(/<script>([\s\S]*)<\/script>/)[1], context);
  await new Promise((resolve) => setImmediate(resolve));
  page.become = (state) => { waiting.state = state; listeners.forEach((listener) => listener()); };
  return page;
}

test("the reload page reloads once the waiting worker is active, not before: the new worker then answers", async () => {
  const page = await reloadPage("installed");
  assert.equal(page.reloads, 0, "the old worker would answer a reload now");
  page.become("activating");
  assert.equal(page.reloads, 0);
  page.become("activated");
  assert.equal(page.reloads, 1);
});

test("the reload page reloads at once when no worker waits any more, and when the waiting one fails", async () => {
  assert.equal((await reloadPage(null)).reloads, 1, "it is active already (or activating: the reload waits for it)");
  assert.equal((await reloadPage("activated")).reloads, 1);
  const failed = await reloadPage("installed");
  failed.become("redundant");
  assert.equal(failed.reloads, 1, "the old build serves the reload");
});

test("the reload page reloads after 5 s all the same, should the waiting worker never activate", async () => {
  const page = await reloadPage("installed");
  assert.deepEqual(page.timers.map((timer) => timer.ms), [5000]);
  page.timers[0].callback();
  assert.equal(page.reloads, 1);
});

test("a waiting build asked once and still not active gets no second reload: the old build serves", async () => {
  const b = await installed();
  waitingWorker(b);
  b.state.windows = [];
  await b.get(SCOPE, { mode: "navigate", clientId: "" });
  assert.equal(await (await b.get(SCOPE, { mode: "navigate", clientId: "" })).text(), PAGE("home"));
  assert.deepEqual(b.state.messages, [TAKE_OVER]);
  waitingWorker(b); // the next build
  assert.equal(await (await b.get(SCOPE, { mode: "navigate", clientId: "" })).text(), RELOAD_PAGE);
});

test("Material's fetch of a page is answered from the old build's cache even when a new build waits", async () => {
  const b = await installed();
  waitingWorker(b);
  b.state.windows = [{ id: "tab-1" }];
  assert.equal(await (await b.get(SCOPE + "chapters/demo/", { clientId: "tab-1" })).text(), PAGE("demo v1"));
  assert.deepEqual(b.state.messages, [], "the takeover waits for a real navigation");
});

test("with another tab open the old build serves on, and assets never trigger a takeover", async () => {
  const b = await installed();
  waitingWorker(b);
  b.state.windows = [{ id: "tab-1" }, { id: "tab-2" }];
  assert.equal(await (await b.get(SCOPE + "chapters/demo/", { mode: "navigate", clientId: "" })).text(), PAGE("demo v1"));
  b.state.windows = [{ id: "tab-1" }];
  assert.equal(await (await b.get(SCOPE + "assets/guidebook/main.js?v=abc123")).text(), "start()");
  assert.deepEqual(b.state.messages, []);
});

test("the waiting worker takes over when the old one asks, and only then", async () => {
  const b = browser({ files: ONLINE });
  serve(b.self, BUILD_FILES);
  await b.fire("message", { data: "something else" });
  assert.equal(b.state.skipped, 0, "installing never skips waiting on its own");
  await b.fire("install");
  assert.equal(b.state.skipped, 0);
  await b.fire("message", { data: TAKE_OVER });
  assert.equal(b.state.skipped, 1);
});
