// A part of a page that follows a background job: while the server marks the block with
// data-refresh (the address to fetch again) and data-every (milliseconds), the page is
// fetched again and the block, and any other parts named, swapped in. The server drops
// data-refresh when the job ends, which stops the polling. Pages also work without it.

export function keepFresh(selector, { alsoSwap = [], afterEach = () => {} } = {}) {
  const block = document.querySelector(`${selector}[data-refresh]`);
  if (!block) return;
  const every = Number(block.dataset.every) || 2000;
  setTimeout(async () => {
    try {
      const response = await fetch(block.dataset.refresh, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      for (const part of [selector, ...alsoSwap]) {
        const fresh = holder.querySelector(part);
        const shown = document.querySelector(part);
        if (fresh && shown) shown.replaceWith(fresh);
      }
    } catch {
      // Keep the page as it is and try again.
    }
    afterEach();
    keepFresh(selector, { alsoSwap, afterEach });
  }, every);
}
