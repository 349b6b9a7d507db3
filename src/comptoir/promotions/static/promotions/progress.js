// A send's progress bar refreshes itself while it sends: the page is fetched again and its
// progress block swapped in. Without JavaScript the page reloads itself (<noscript> meta).

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
      const fresh = holder.querySelector("#send-progress");
      if (fresh) block.replaceWith(fresh);
    } catch {
      // Keep the block as it is and try again.
    }
    watchProgress();
  }, every);
}

watchProgress();
