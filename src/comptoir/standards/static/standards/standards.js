// Service standards: the evaluation status refreshes itself while one runs, and the
// action form shows the measures only for a temporary step. Both pages work without it.

function watchEvaluations() {
  const block = document.querySelector("#evaluation-status[data-refresh]");
  if (!block) return;
  const every = Number(block.dataset.every) || 2000;
  setTimeout(async () => {
    try {
      const response = await fetch(block.dataset.refresh, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector("#evaluation-status");
      if (fresh) block.replaceWith(fresh);
    } catch {
      // Keep the block as it is and try again.
    }
    const current = document.querySelector("#evaluation-status");
    const button = document.querySelector("[data-evaluate]");
    if (button) button.disabled = Boolean(current && current.dataset.refresh);
    watchEvaluations();
  }, every);
}

function measuresFollowTheStep() {
  const step = document.querySelector("[data-action-step]");
  const measures = document.querySelector("[data-measures]");
  if (!step || !measures) return;
  const temporary = measures.dataset.measures;
  const show = () => {
    const on = step.value === temporary;
    measures.hidden = !on;
    measures.disabled = !on; // a hidden choice is not sent
  };
  step.addEventListener("change", show);
  show();
}

watchEvaluations();
measuresFollowTheStep();
