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
  // Small screens: the filter panel starts folded (it stays open without this script).
  const panel = document.getElementById("filter-panel");
  if (panel && window.matchMedia("(max-width: 600px)").matches) panel.open = false;
  // Filter forms: leave empty fields out of the address; a period change applies at once.
  document.querySelectorAll("form.filters").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input, select").forEach((field) => {
        if (field.value === "" && field.name) field.disabled = true;
      });
    });
    const period = form.querySelector("#granularity");
    if (period) period.addEventListener("change", () => form.requestSubmit());
  });
});
// Map: zoom and pan by changing the inner map's viewBox (wheel, drag, buttons, keys). No libraries.
function wartaMap(figure) {
  const area = figure.querySelector("svg.map-area");
  if (!area) return null;
  const full = area.getAttribute("viewBox").split(" ").map(Number);
  const [W, H] = [full[2], full[3]];
  let box = full.slice();
  const circles = Array.from(area.querySelectorAll("circle[data-r]"));
  function apply() {
    area.setAttribute("viewBox", box.map((v) => v.toFixed(2)).join(" "));
    const zoom = W / box[2];  // circles keep their size on screen
    circles.forEach((c) => c.setAttribute("r", (Number(c.dataset.r) / zoom).toFixed(2)));
    figure.dataset.zoom = zoom.toFixed(2);
  }
  function clamp() {
    box[2] = Math.min(Math.max(box[2], W / 40), W);
    box[3] = box[2] * H / W;
    box[0] = Math.min(Math.max(box[0], 0), W - box[2]);
    box[1] = Math.min(Math.max(box[1], 0), H - box[3]);
  }
  function zoomAt(factor, cx, cy) {  // cx, cy: point in map units that stays put
    const w = box[2] / factor;
    box = [cx - (cx - box[0]) * w / box[2], cy - (cy - box[1]) * w / box[2], w, w * H / W];
    clamp();
    apply();
  }
  function centre() { return [box[0] + box[2] / 2, box[1] + box[3] / 2]; }
  function toMap(event) {
    const rect = area.getBoundingClientRect();
    return [box[0] + (event.clientX - rect.left) / rect.width * box[2],
            box[1] + (event.clientY - rect.top) / rect.height * box[3]];
  }
  function pan(dx, dy) { box[0] += dx * box[2]; box[1] += dy * box[3]; clamp(); apply(); }
  const actions = {
    in: () => zoomAt(2, ...centre()),
    out: () => zoomAt(0.5, ...centre()),
    reset: () => { box = full.slice(); apply(); },
    idn: () => {
      const b = (area.dataset.idnBox || "").split(" ").map(Number);
      if (b.length === 4) { box = [b[0], b[1], b[2], b[2] * H / W]; box[1] -= (box[3] - b[3]) / 2; clamp(); apply(); }
    },
  };
  area.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, ...toMap(event));
  }, { passive: false });
  let drag = null;
  area.addEventListener("pointerdown", (event) => {
    drag = { x: event.clientX, y: event.clientY, box: box.slice(), moved: false };
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const rect = area.getBoundingClientRect();
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    box[0] = drag.box[0] - dx / rect.width * box[2];
    box[1] = drag.box[1] - dy / rect.height * box[3];
    clamp();
    apply();
  });
  window.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  // a drag that ends on a link does not follow it
  area.addEventListener("click", (event) => { if (drag && drag.moved) event.preventDefault(); }, true);
  figure.addEventListener("keydown", (event) => {
    const keys = { "+": actions.in, "=": actions.in, "-": actions.out, "0": actions.reset,
                   ArrowLeft: () => pan(-0.1, 0), ArrowRight: () => pan(0.1, 0),
                   ArrowUp: () => pan(0, -0.1), ArrowDown: () => pan(0, 0.1) };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });
  return actions;
}

document.addEventListener("DOMContentLoaded", () => {
  const figure = document.querySelector("figure.chart-map");
  const actions = figure ? wartaMap(figure) : null;
  document.querySelectorAll("#map-controls button[data-zoom]").forEach((button) => {
    if (actions) button.addEventListener("click", () => actions[button.dataset.zoom]());
    else button.hidden = true;
  });
  if (actions && window.location.hash === "#indonesia") actions.idn();  // a shareable zoomed view
});

// Coming back to a page from history: fields disabled on submit are usable again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form.filters [disabled]").forEach((field) => { field.disabled = false; });
});
