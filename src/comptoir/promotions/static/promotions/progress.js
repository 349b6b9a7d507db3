// A send's progress bar refreshes itself while it sends: the page is fetched again and its
// progress block and its "who got it" table swapped in, so the seller reads who got it as
// soon as the bar ends. Without JavaScript the page reloads itself (<noscript> meta).

const SWAPPED = ["#send-progress", "#recipients"];

function watchProgress() {
  const block = document.querySelector("#send-progress[data-refresh]");
  if (!block) return;
  const every = Number(block.dataset.every) || 2000;
  setTimeout(async () => {
    try {
      const response = await fetch(block.dataset.refresh, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      for (const selector of SWAPPED) {
        const fresh = holder.querySelector(selector);
        const shown = document.querySelector(selector);
        if (fresh && shown) shown.replaceWith(fresh);
      }
    } catch {
      // Keep the page as it is and try again.
    }
    watchProgress();
  }, every);
}

watchProgress();
