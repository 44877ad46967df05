// The pulse page: a "Copy link" button (the link's box can be copied by hand without it).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    const field = document.querySelector(button.dataset.copy);
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    const done = button.parentElement.querySelector(".copy-done");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (done) done.textContent = "Copied.";
      } catch {
        field.select();
        if (done) done.textContent = "Press Ctrl+C (or ⌘C) to copy.";
      }
    });
  }
  for (const field of document.querySelectorAll("[data-select-on-focus]")) {
    field.addEventListener("focus", () => field.select());
  }
});
