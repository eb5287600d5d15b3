/* Field work without signal (外勤): registers the service worker (/sw.js), keeps forms filled in offline on the
 * phone (IndexedDB "luoshi-offline"), lists them as 待发送 on /field/ and sends them, oldest first, each with
 * its idempotency key and its capture time, when the network returns or on demand.
 *
 * A form opts in with data-offline="report" | "checkin" | "visit" and data-offline-url (the API path it is sent to).
 * Without this script a form submits as usual. With it, the form is sent by fetch with an idempotency key (its
 * own field, or one added) and a time limit: one bar of signal often looks online and then fails, so a send that
 * gets no answer in time (or none at all) keeps the form on the phone with that same key — if the first send did
 * reach the server, the resend is the same report, not a second. An answer is followed as the browser would.
 * Offline, or after such a failure, its fields are stored; photos are compressed first (long edge ≤ 1920 px, JPEG) with the original's EXIF block kept
 * (orientation reset, since the pixels are already upright) so the server reads the time and place as
 * evidence. Items belong to the user who captured them and are sent only in that user's session; one the
 * server refuses stays with its reason until it is fixed or discarded; an expired login keeps them all. */
(function () {
  "use strict";

  const DB = "luoshi-offline";
  const STORE = "queue";
  const LONG_EDGE = 1920;
  const WAIT_MS = 45000; // a send with no answer after this is kept on the phone (photos upload slowly on one bar)
  const userMeta = document.querySelector('meta[name="luoshi-user"]');
  const user = userMeta ? userMeta.content : "";

  // -- the service worker and its user -------------------------------------------------------------
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const worker = registration.active;
        if (!worker) return;
        worker.postMessage({type: "user", id: user});
        const links = [...document.querySelectorAll("[data-report-link]")].map((a) => a.href);
        if (user && navigator.onLine && links.length) worker.postMessage({type: "warm", urls: links});
      }).catch(() => undefined);
  }
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.action && new URL(form.action, location.href).pathname === "/accounts/logout/") {
      forgetPages();
    }
  }, true);

  function forgetPages() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({type: "logout"});
    }
  }

  // -- the queue ------------------------------------------------------------------------------------
  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, {keyPath: "id", autoIncrement: true});
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function tx(mode, work) {
    return open().then((db) => new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const result = work(t.objectStore(STORE));
      t.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
    }));
  }

  const all = () => tx("readonly", (store) => store.getAll())
    .then((items) => (items || []).sort((a, b) => a.id - b.id));
  const put = (item) => tx("readwrite", (store) => store.put(item));
  const remove = (id) => tx("readwrite", (store) => store.delete(id));

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  // -- photos: compress, keep the EXIF block ---------------------------------------------------------
  function exifSegment(bytes) {
    // the APP1 "Exif" segment of a JPEG, or null
    if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
    let at = 2;
    while (at + 4 < bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1];
      const size = (bytes[at + 2] << 8) | bytes[at + 3];
      if (marker === 0xe1 && bytes[at + 4] === 0x45 && bytes[at + 5] === 0x78) return bytes.slice(at, at + 2 + size);
      if (marker === 0xda) break;
      at += 2 + size;
    }
    return null;
  }

  function uprightExif(segment) {
    // set the Orientation tag (0x0112) of IFD0 to 1: the canvas has already turned the pixels upright
    const tiff = 10;
    const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
    const little = view.getUint16(tiff) === 0x4949;
    const ifd = tiff + view.getUint32(tiff + 4, little);
    const count = view.getUint16(ifd, little);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (view.getUint16(entry, little) === 0x0112) view.setUint16(entry + 8, 1, little);
    }
    return segment;
  }

  async function compress(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, {imageOrientation: "from-image"});
    } catch (error) {
      return {name: file.name, blob: file}; // not an image the browser reads: the server decides
    }
    const scale = Math.min(1, LONG_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const jpeg = new Uint8Array(await (await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85)))
      .arrayBuffer());
    let exif = null;
    try {
      exif = exifSegment(bytes);
      if (exif) exif = uprightExif(exif);
    } catch (error) {
      exif = null;
    }
    const parts = exif ? [jpeg.slice(0, 2), exif, jpeg.slice(2)] : [jpeg];
    const name = (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg";
    return {name, blob: new Blob(parts, {type: "image/jpeg"}), width: canvas.width, height: canvas.height};
  }

  // -- capture ----------------------------------------------------------------------------------------
  function keyOf(form) {
    // the form's own idempotency key, or one added to it, so the page and a later resend name the same report
    let input = form.querySelector("input[name=idempotency_key]");
    if (!input) {
      input = el("input", {"type": "hidden", "name": "idempotency_key"});
      form.append(input);
    }
    if (!input.value) input.value = newKey();
    return input.value;
  }

  async function capture(form, key) {
    const kind = form.dataset.offline;
    const fields = {};
    const photos = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (value instanceof File) {
        if (value.size) photos.push(await compress(value));
      } else if (!["csrfmiddlewaretoken", "idempotency_key", "next"].includes(name)) {
        fields[name] = value;
      }
    }
    if (kind === "report") {
      const values = {};
      for (const name of Object.keys(fields)) {
        if (name.startsWith("value_")) {
          if (fields[name] !== "") values[name.slice(6)] = fields[name];
          delete fields[name];
        }
      }
      if (Object.keys(values).length) fields.values = JSON.stringify(values);
    }
    // what a refused item may be fixed in on the phone: its typed fields, with the form's own labels
    const editable = [...form.elements].filter((e) => e.name && e.name in fields &&
      (e.tagName === "TEXTAREA" || ["text", "number"].includes(e.type))).map((e) => ({
      name: e.name, type: e.tagName === "TEXTAREA" ? "textarea" : e.type,
      label: ((e.labels && e.labels[0] && e.labels[0].textContent) || e.getAttribute("aria-label") ||
        e.placeholder || "").trim()}));
    await put({user, kind, url: form.dataset.offlineUrl, label: form.dataset.offlineLabel || "", fields, photos,
      editable, key: key || newKey(), captured_at: new Date().toISOString(), status: "pending", reason: ""});
  }

  function keep(form, key, button) {
    capture(form, key).then(() => {
      location.href = "/field/";
    }, () => {
      if (button) button.disabled = false;
    });
  }

  function send(form, key, button) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), WAIT_MS);
    // the header rides along to the page the answer redirects to, which then leaves its messages for the next
    fetch(form.action || location.href, {method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-Luoshi-Keep-Messages": "1"}, signal: controller.signal}).then((response) => {
      clearTimeout(timer);
      if (response.redirected && new URL(response.url).pathname.startsWith("/accounts/login/")) {
        keep(form, key, button); // the login expired: kept, and sent after the next one
        return;
      }
      if (response.redirected) {
        location.href = response.url; // done: where the page would have gone
        return;
      }
      // an answer that is a page (the form with its errors): sent again the usual way to show it — same key
      form.dataset.native = "1";
      form.submit();
    }, () => {
      clearTimeout(timer);
      keep(form, key, button); // no answer: the signal dropped or is too weak
    });
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.dataset || !form.dataset.offline || form.dataset.native || !user || event.defaultPrevented) return;
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    const key = keyOf(form);
    if (navigator.onLine) send(form, key, button);
    else keep(form, key, button);
  });

  // -- sending ----------------------------------------------------------------------------------------
  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function reasonOf(body) {
    if (!body) return "";
    const extra = (body.errors || []).map((e) => e.reason).filter((r) => r && r !== body.detail);
    return [body.detail, ...extra].filter(Boolean).join("；");
  }

  let sending = false;

  async function sync() {
    if (sending) return;
    if (!user || !navigator.onLine) return settled();
    delete document.documentElement.dataset.outbox;
    sending = true;
    let sent = 0;
    try {
      for (const item of await all()) {
        if (item.user !== user || item.status === "refused") continue;
        const data = new FormData();
        for (const [name, value] of Object.entries(item.fields)) data.append(name, value);
        for (const photo of item.photos || []) data.append("files", photo.blob, photo.name);
        data.append("captured_at", item.captured_at);
        let response;
        try {
          response = await fetch(item.url, {method: "POST", body: data, credentials: "same-origin",
            headers: {"X-CSRFToken": csrf(), "Idempotency-Key": item.key, "Accept": "application/json"}});
        } catch (error) {
          break; // no network after all: keep everything for next time
        }
        if (response.ok) {
          await remove(item.id);
          sent += 1;
          continue;
        }
        const body = await response.json().catch(() => null);
        if (response.status === 401 || (response.status === 403 && /CSRF/i.test((body && body.detail) || ""))) {
          item.status = "login";
          await put(item);
          break; // the session expired: everything waits for the next login
        }
        if (response.status >= 500 || response.status === 429) break;
        item.status = "refused";
        item.reason = reasonOf(body) || String(response.status);
        await put(item);
      }
    } finally {
      sending = false;
      await draw();
    }
    // what was sent changed the tasks and shifts shown here: read them again
    if (sent && box) location.reload();
    else settled();
  }

  // Nothing in flight: the outbox as drawn is what the phone holds (browser tests wait for this mark).
  function settled() {
    document.documentElement.dataset.outbox = "settled";
  }

  // -- 待发送 -----------------------------------------------------------------------------------------
  const box = document.querySelector("[data-outbox]");
  const words = box ? box.dataset : {};

  function when(iso) {
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getMonth() + 1}-${d.getDate()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function row(item) {
    const node = el("div", {"class": "list-group-item py-3", "data-outbox-item": String(item.id),
      "data-status": item.status});
    const head = el("div", {"class": "d-flex justify-content-between gap-2"});
    const kind = {checkin: words.wordCheckin, visit: words.wordVisit}[item.kind] || words.wordReport;
    head.append(el("span", {"class": "fw-semibold text-break"}, `${kind}：${item.label}`));
    const tone = item.status === "refused" ? "danger" : item.status === "login" ? "warning" : "secondary";
    const state = item.status === "refused" ? words.wordRefused : words.wordPending;
    head.append(el("span", {"class": `badge text-bg-${tone} flex-shrink-0 align-self-start`}, state));
    node.append(head);
    let meta = `${words.wordCaptured} ${when(item.captured_at)}`;
    if ((item.photos || []).length) meta += ` · ${item.photos.length} ${words.wordPhotos}`;
    node.append(el("small", {"class": "text-secondary d-block"}, meta));
    const said = item.fields.text || item.fields.note;
    if (said) node.append(el("div", {"class": "small text-break mt-1"}, said));
    if (item.status === "login") node.append(el("div", {"class": "small text-warning-emphasis mt-1"}, words.wordLogin));
    if (item.status === "refused") {
      node.append(el("div", {"class": "alert alert-danger py-1 px-2 small mt-2 mb-2", "data-reason": ""}, item.reason));
      const actions = el("div", {"class": "d-flex gap-2"});
      if ((item.editable || []).length) {
        const fix = el("button", {"type": "button", "class": "btn btn-outline-primary btn-sm", "data-fix": ""},
          words.wordFix);
        fix.addEventListener("click", () => showFix(node, item));
        actions.append(fix);
      }
      const discard = el("button", {"type": "button", "class": "btn btn-outline-secondary btn-sm", "data-discard": ""},
        words.wordDiscard);
      discard.addEventListener("click", () => {
        if (window.confirm(words.wordConfirm)) remove(item.id).then(draw);
      });
      actions.append(discard);
      node.append(actions);
    }
    return node;
  }

  function showFix(node, item) {
    if (node.querySelector("[data-fix-form]")) return;
    const form = el("form", {"class": "mt-2", "data-fix-form": ""});
    const inputs = item.editable.map((field) => {
      const attrs = {"class": "form-control form-control-sm mb-2", "name": field.name, "aria-label": field.label};
      const input = field.type === "textarea" ? el("textarea", Object.assign(attrs, {"rows": "3"}))
        : el("input", Object.assign(attrs, {"type": field.type}));
      input.value = item.fields[field.name] || "";
      form.append(el("label", {"class": "form-label small mb-1"}, field.label), input);
      return input;
    });
    const send = el("button", {"type": "submit", "class": "btn btn-danger btn-sm"}, words.wordResend);
    form.append(send);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      for (const input of inputs) item.fields[input.name] = input.value;
      item.status = "pending";
      item.reason = "";
      item.key = newKey(); // a refusal wrote nothing; the fixed item is a new request
      put(item).then(sync).then(draw);
    });
    node.append(form);
  }

  async function draw() {
    if (!box) return;
    const items = (await all().catch(() => [])).filter((item) => item.user === user);
    box.querySelectorAll("[data-outbox-item]").forEach((n) => n.remove());
    const empty = document.querySelector("[data-outbox-empty]");
    if (empty) empty.classList.toggle("d-none", items.length > 0);
    for (const item of items) box.append(row(item));
    const button = document.querySelector("[data-sync]");
    if (button) button.classList.toggle("d-none", !items.some((i) => i.status !== "refused"));
  }

  function banner() {
    const note = document.querySelector("[data-offline-banner]");
    if (note) note.classList.toggle("d-none", navigator.onLine);
  }

  const syncButton = document.querySelector("[data-sync]");
  if (syncButton) syncButton.addEventListener("click", () => sync());
  window.addEventListener("online", () => { banner(); sync(); });
  window.addEventListener("offline", banner);
  banner();
  draw().then(() => {
    // a queue left by an expired login is sent again now that the user is back
    if (!user) return settled();
    all().then((items) => Promise.all(items.filter((i) => i.user === user && i.status === "login")
      .map((i) => put(Object.assign(i, {status: "pending"}))))).then(sync);
  });
})();
