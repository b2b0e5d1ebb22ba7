// warta dashboard: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Article view: show or hide a highlight layer.
  const text = document.getElementById("article-text");
  document.querySelectorAll("#layers input[data-layer]").forEach((box) => {
    box.addEventListener("change", () => {
      if (text) text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
  // Filter forms: leave empty fields out of the address.
  document.querySelectorAll("form.filters").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((field) => {
        if (field.value === "" && field.name) field.disabled = true;
      });
    });
  });
});
// Coming back to a page from history: fields disabled on submit are usable again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form.filters [disabled]").forEach((field) => { field.disabled = false; });
});
