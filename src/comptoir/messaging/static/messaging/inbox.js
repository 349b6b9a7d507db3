// The inbox, made quicker: keyboard, live updates, load more, checks before upload.
// Every page works without this file (plain links and forms); this only adds.

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const list = $("[data-threads]");
const threadPage = $("[data-thread-page]");
const shell = $("[data-inbox]") || threadPage;

// --- Selecting and moving -------------------------------------------------------------
let current = -1;
const rows = () => $$("[data-thread]", list || document);

function focusRow(index) {
  const all = rows();
  if (!all.length) return;
  current = Math.max(0, Math.min(index, all.length - 1));
  all.forEach((row, i) => row.classList.toggle("thread--current", i === current));
  const link = $(".thread__link", all[current]);
  link?.focus({ preventScroll: true });
  all[current].scrollIntoView({ block: "nearest" });
}

function currentRow() {
  const all = rows();
  const focused = document.activeElement?.closest?.("[data-thread]");
  if (focused) current = all.indexOf(focused);
  return all[current] || null;
}

const selectAll = $("[data-select-all]");
selectAll?.addEventListener("change", () => {
  $$(".thread__pick").forEach((box) => { box.checked = selectAll.checked; });
});

// A bulk action says it is working when it takes more than a moment.
const bulk = $("[data-bulk]");
bulk?.addEventListener("submit", (event) => {
  const picked = $$(".thread__pick:checked").length;
  if (!picked) {
    event.preventDefault();
    return;
  }
  const progress = $("[data-progress]");
  setTimeout(() => { if (progress) progress.hidden = false; }, 150);
});

function actOnCurrent(action) {
  // On a thread page, the thread's own buttons; in the list, the row through the bulk form.
  if (threadPage) {
    const button = $(`[data-key-action="${action}"]`);
    button?.click();
    return;
  }
  const row = currentRow();
  if (!row || !bulk) return;
  $$(".thread__pick").forEach((box) => { box.checked = false; });
  const box = $(".thread__pick", row);
  if (box) box.checked = true;
  const button = $(`[data-action="${action}"]`, bulk);
  if (button) bulk.requestSubmit(button);
}

// --- Keyboard ---------------------------------------------------------------------------
const dialog = $("#shortcuts");
document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  if (typing) {
    if (event.key === "Escape") target.blur();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key;
  if (key === "?") { dialog?.showModal(); event.preventDefault(); return; }
  if (key === "/") { $("[data-search]")?.focus(); event.preventDefault(); return; }
  if (threadPage) {
    if (key === "r") { $("[data-reply-form] textarea")?.focus(); event.preventDefault(); }
    else if (key === "u") { $("[data-back]")?.click(); }
    else if (key === "e") actOnCurrent("archive");
    else if (key === "#") actOnCurrent("trash");
    else if (key === "!") actOnCurrent("spam");
    return;
  }
  if (!list) return;
  if (key === "j") { focusRow(current + 1); event.preventDefault(); }
  else if (key === "k") { focusRow(current - 1); event.preventDefault(); }
  else if (key === "o" || key === "Enter") {
    const row = currentRow();
    if (row) { $(".thread__link", row)?.click(); event.preventDefault(); }
  } else if (key === "x") {
    const box = currentRow() && $(".thread__pick", currentRow());
    if (box) box.checked = !box.checked;
  } else if (key === "e") actOnCurrent("archive");
  else if (key === "#") actOnCurrent("trash");
  else if (key === "!") actOnCurrent("spam");
});

// --- Load more --------------------------------------------------------------------------
document.addEventListener("click", async (event) => {
  const more = event.target.closest?.("[data-more]");
  if (!more || !list) return;
  event.preventDefault();
  more.setAttribute("aria-busy", "true");
  const url = new URL(more.href);
  url.searchParams.set("fragment", "rows");
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) { window.location = more.href; return; }
  const holder = document.createElement("ol");
  holder.innerHTML = await response.text();
  const added = $$("[data-thread]", holder);
  added.forEach((row) => list.append(row));
  const next = added.length ? added[added.length - 1].dataset.next : "";
  if (next) {
    const link = new URL(more.href);
    link.searchParams.set("cursor", next);
    more.href = link.toString();
    more.removeAttribute("aria-busy");
  } else {
    more.closest("p")?.remove();
  }
});

// --- Confirmations, saved replies, files --------------------------------------------------
document.addEventListener("click", (event) => {
  const button = event.target.closest?.("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});

const saved = $("[data-saved-replies]");
saved?.addEventListener("change", () => {
  const option = saved.selectedOptions[0];
  const area = $("[data-reply-form] textarea");
  if (!option || !option.dataset.body || !area) return;
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? area.value.length;
  area.value = area.value.slice(0, start) + option.dataset.body + area.value.slice(end);
  area.focus();
  area.setSelectionRange(start + option.dataset.body.length, start + option.dataset.body.length);
});

const FILE_TYPES = ["image/jpeg", "image/png", "image/gif", "application/pdf"];
const FILE_ENDINGS = /\.(jpe?g|png|gif|pdf)$/i;
for (const input of $$("input[type=file][data-max-files]")) {
  const error = $("[data-file-error]", input.form);
  input.addEventListener("change", () => {
    const files = [...input.files];
    const max = Number(input.dataset.maxFiles);
    const maxBytes = Number(input.dataset.maxBytes);
    const say = error?.dataset || {};
    let problem = "";
    if (files.length > max) problem = say.tooMany;
    const wrong = files.find((f) => !(FILE_TYPES.includes(f.type) || FILE_ENDINGS.test(f.name)));
    if (!problem && wrong) problem = `${wrong.name}: ${say.wrongType}`;
    const big = files.find((f) => f.size > maxBytes);
    if (!problem && big) problem = `${big.name}: ${say.tooBig}`;
    input.setCustomValidity(problem);
    if (error) { error.textContent = problem; error.hidden = !problem; }
  });
}

// --- Live updates -----------------------------------------------------------------------
function liveUrl() {
  const configured = shell?.dataset.liveUrl;
  if (configured) return configured;
  const secure = location.protocol === "https:";
  const port = Number(location.port || (secure ? 443 : 80)) + 1;
  return `${secure ? "wss" : "ws"}://${location.hostname}:${port}/ws/inbox/`;
}

async function refreshList() {
  if (!list || new URL(location.href).searchParams.get("cursor")) return;
  const url = new URL(location.href);
  url.searchParams.set("fragment", "rows");
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return;
  const picked = new Set($$(".thread__pick:checked").map((box) => box.value));
  const before = new Set(rows().map((row) => row.dataset.thread));
  list.innerHTML = await response.text();
  for (const row of rows()) {
    const box = $(".thread__pick", row);
    if (box && picked.has(box.value)) box.checked = true;
    if (!before.has(row.dataset.thread)) row.classList.add("thread--new");
  }
  if (current >= 0) focusRow(current);
  $(".empty")?.remove();
}

async function refreshThread() {
  const url = new URL(location.href);
  url.searchParams.set("fragment", "messages");
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) return;
  const box = $("[data-messages]");
  const known = new Set($$("[data-message]", box).map((m) => m.dataset.message));
  box.innerHTML = await response.text();
  for (const message of $$("[data-message]", box)) {
    if (!known.has(message.dataset.message)) {
      message.classList.add("message--new");
      message.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }
}

function updateBadges(counts) {
  if (!counts) return;
  for (const badge of $$("[data-count=inbox-unread]")) {
    badge.textContent = counts.unread_inbox;
    badge.hidden = !counts.unread_inbox;
  }
}

function connect(delay = 1000) {
  if (!shell || !("WebSocket" in window)) return;
  let socket;
  try { socket = new WebSocket(liveUrl()); } catch { return; }
  socket.addEventListener("open", () => {
    document.documentElement.dataset.live = "on";
    delay = 1000;
  });
  socket.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    const mine = shell.dataset.side === "shop"
      ? data.shop_id === Number(shell.dataset.shop)
      : data.side === "buyer";
    if (!mine) return;
    updateBadges(data.counts);
    if (threadPage && data.conversation_id === Number(threadPage.dataset.conversation)) {
      refreshThread();
    }
    refreshList();
  });
  socket.addEventListener("close", () => {
    document.documentElement.dataset.live = "off";
    setTimeout(() => connect(Math.min(delay * 2, 30000)), delay);
  });
}
connect();
