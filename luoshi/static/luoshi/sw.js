/* The service worker of Luoshi's field app (外勤), written for this app: no library.
 *
 * Pages a field user reads offline (外勤, 我的任务, a task's report form, 我的值班 …) are kept network-first in
 * a cache of their own user ("luoshi-u-<id>"), checked by the user the page itself names (<meta name=
 * "luoshi-user">), so a page is never filed under another user. Only the current user's cache is ever read;
 * a page naming no user (the login page after a logout or an expired session) or a "logout" message from a
 * page clears every user's cache, and another user's login drops the others. Static files are kept
 * cache-first (they hold no data). Nothing is ever sent from here: the queue of work captured offline
 * lives in the page's IndexedDB (offline.js), which sends it with the user's own session. */
"use strict";

const STATIC = "luoshi-static-v1";
const SHELL = "luoshi-shell-v1";
const META = "luoshi-meta";
const USER_PREFIX = "luoshi-u-";
const FALLBACK = "/field/offline/";
const PAGES = [/^\/$/, /^\/field\/$/, /^\/tasks\/mine\/$/, /^\/tasks\/\d+\/$/, /^\/tasks\/\d+\/report\/$/,
  /^\/tasks\/\d+\/progress\/$/, /^\/emergency\/duty\/$/, /^\/people\/households\/\d+\/visit\/$/];
const USER_META = /<meta name="luoshi-user" content="(\d*)">/;

let currentUser = null; // null: not read yet; "": nobody

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.add(new Request(FALLBACK, {credentials: "omit"})))
    .catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function readUser() {
  if (currentUser !== null) return currentUser;
  const stored = await (await caches.open(META)).match("/__luoshi/user");
  currentUser = stored ? await stored.text() : "";
  return currentUser;
}

async function setUser(id) {
  id = id || "";
  currentUser = id;
  await (await caches.open(META)).put("/__luoshi/user", new Response(id));
  const keep = id ? USER_PREFIX + id : null;
  for (const name of await caches.keys()) {
    if (name.startsWith(USER_PREFIX) && name !== keep) await caches.delete(name);
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "user") event.waitUntil(setUser(String(data.id || "")));
  if (data.type === "logout") event.waitUntil(setUser(""));
  if (data.type === "warm" && Array.isArray(data.urls)) event.waitUntil(warm(data.urls));
});

function isPage(url) {
  return url.origin === self.location.origin && PAGES.some((re) => re.test(url.pathname)) && !url.search;
}

async function keep(request, response) {
  // a page is filed under the user it names, and only while that user is the current one
  if (!response || response.status !== 200) return;
  if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) return;
  const match = USER_META.exec(await response.clone().text());
  const owner = match ? match[1] : "";
  if (owner !== await readUser()) await setUser(owner);
  if (!owner || response.redirected) return;
  await (await caches.open(USER_PREFIX + owner)).put(request.url, response);
}

async function keepUserOnly(response) {
  if (response.status !== 200 || !(response.headers.get("Content-Type") || "").startsWith("text/html")) return;
  const match = USER_META.exec(await response.text());
  const owner = match ? match[1] : "";
  if (owner !== await readUser()) await setUser(owner);
}

async function warm(urls) {
  // the forms behind 外勤's links, fetched once so they open without signal; opening one online refreshes it
  const user = await readUser();
  if (!user) return;
  const cache = await caches.open(USER_PREFIX + user);
  for (const href of urls.slice(0, 100)) {
    const url = new URL(href, self.location.origin);
    if (!isPage(url) || await cache.match(url.href)) continue;
    try {
      await keep(new Request(url.href), await fetch(url.href, {credentials: "same-origin"}));
    } catch (error) {
      return; // offline again: try next time
    }
  }
}

async function fromCache(request) {
  const user = await readUser();
  if (user) {
    const cache = await caches.open(USER_PREFIX + user);
    const hit = await cache.match(request.url);
    if (hit) return hit;
  }
  const fallback = await (await caches.open(SHELL)).match(FALLBACK);
  return fallback || new Response("", {status: 503});
}

async function page(request) {
  try {
    const response = await fetch(request);
    await keep(request, response.clone());
    return response;
  } catch (error) {
    return fromCache(request);
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate" && isPage(url)) {
    event.respondWith(page(request));
  } else if (request.mode === "navigate") {
    // not kept, but read: the login page after a logout or an expired session names nobody
    event.respondWith(fetch(request).then(async (response) => {
      await keepUserOnly(response.clone());
      return response;
    }).catch(() => fromCache(request)));
  }
});
