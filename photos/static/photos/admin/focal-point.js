/* The focal-point picker on a photo's change form (no inline script: the site's Content
   Security Policy forbids it). Clicking the preview sets focal_x and focal_y (fractions
   of the width and height); dragging sets an area (focal_width, focal_height too). The
   number inputs stay editable and the marker follows them. */
"use strict";
(function () {
  function setup(picker) {
    const image = picker.querySelector("img");
    const point = picker.querySelector(".photo-focal-point");
    const area = picker.querySelector(".photo-focal-area");
    const inputs = {};
    for (const name of ["x", "y", "width", "height"]) {
      inputs[name] = document.getElementById("id_focal_" + name);
      if (!inputs[name]) return;
    }
    const clear = document.querySelector("[data-photo-focal-clear]");
    const clamp = (v) => Math.min(1, Math.max(0, v));
    const round = (v) => String(Math.round(v * 10000) / 10000);
    const value = (name) => (inputs[name].value === "" ? null : parseFloat(inputs[name].value));

    function show() {
      const x = value("x"), y = value("y");
      const w = value("width") || 0, h = value("height") || 0;
      point.hidden = x === null || y === null;
      area.hidden = point.hidden || !(w > 0 && h > 0);
      if (point.hidden) return;
      point.style.left = x * 100 + "%";
      point.style.top = y * 100 + "%";
      if (!area.hidden) {
        area.style.left = (x - w / 2) * 100 + "%";
        area.style.top = (y - h / 2) * 100 + "%";
        area.style.width = w * 100 + "%";
        area.style.height = h * 100 + "%";
      }
    }

    function fraction(event) {
      const box = image.getBoundingClientRect();
      return {
        x: clamp((event.clientX - box.left) / box.width),
        y: clamp((event.clientY - box.top) / box.height),
      };
    }

    function set(values) {
      for (const [name, v] of Object.entries(values)) {
        inputs[name].value = v === null ? "" : round(v);
        inputs[name].dispatchEvent(new Event("change", { bubbles: true }));
      }
      show();
    }

    let start = null;
    picker.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      start = fraction(event);
      picker.setPointerCapture(event.pointerId);
    });
    picker.addEventListener("pointerup", (event) => {
      if (!start) return;
      const end = fraction(event);
      const w = Math.abs(end.x - start.x), h = Math.abs(end.y - start.y);
      if (w < 0.02 && h < 0.02) {
        set({ x: end.x, y: end.y, width: null, height: null });
      } else {
        set({ x: (start.x + end.x) / 2, y: (start.y + end.y) / 2, width: w, height: h });
      }
      start = null;
    });
    for (const input of Object.values(inputs)) input.addEventListener("input", show);
    if (clear) clear.addEventListener("click", () => set({ x: null, y: null, width: null, height: null }));
    if (image.complete) show(); else image.addEventListener("load", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-photo-focal]").forEach(setup);
  });
})();
