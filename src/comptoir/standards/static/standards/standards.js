// Service standards: the evaluation status refreshes itself while one runs, and the
// action form shows the measures only for a temporary step. Both pages work without it.

import { keepFresh } from "../web/refresh.js";

function watchEvaluations() {
  keepFresh("#evaluation-status", {
    afterEach: () => {
      const current = document.querySelector("#evaluation-status");
      const button = document.querySelector("[data-evaluate]");
      if (button) button.disabled = Boolean(current && current.dataset.refresh);
    },
  });
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
