// Small conveniences; every page works without them.
for (const button of document.querySelectorAll("[data-copy]")) {
  button.addEventListener("click", async () => {
    const source = document.querySelector(button.dataset.copy);
    if (source && navigator.clipboard) {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.setAttribute("aria-pressed", "true");
    }
  });
}
// The language switch applies as soon as a language is picked.
const language = document.querySelector("form.lang select");
if (language) {
  language.addEventListener("change", () => language.form.submit());
}
