/* The story form's lead photo: the field takes a library photo's id (typed, or filled in
   by the photo chooser that the lookup icon opens); this shows the chosen photo, its
   credit and whether it still needs alt text. No inline script: the site's CSP holds. */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const field = document.getElementById("id_lead_photo");
  const preview = document.querySelector(".lead-photo-preview");
  if (!field || !preview) return;

  function element(tag, props, text) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    if (text) node.textContent = text;
    return node;
  }

  function show(photo) {
    preview.replaceChildren();
    if (!photo) return;
    preview.append(element("img", {
      src: photo.preview.url, width: photo.preview.width, height: photo.preview.height, alt: "",
    }));
    const line = element("p");
    line.append(element("a", {
      href: photo.edit_url, target: "_blank", rel: "noopener", className: "lead-photo-title",
    }, photo.title));
    if (photo.credit) {
      line.append(" ", element("span", { className: "lead-photo-credit" }, `(${photo.credit})`));
    }
    preview.append(line);
    if (!photo.accessible) {
      preview.append(element("p", { className: "lead-photo-warning" },
        "No alt text yet: add it in the photo library (or mark the photo decorative) " +
        "before the story is approved."));
    }
  }

  function update() {
    const id = field.value.trim();
    if (!/^\d+$/.test(id)) {
      show(null);
      return;
    }
    const url = preview.dataset.chosenUrl.replace(/\/0\/$/, `/${id}/`);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((photo) => { if (field.value.trim() === id) show(photo); })
      .catch(() => show(null));
  }

  // The admin's lookup popup sets the value and triggers jQuery's "change" (which a
  // native listener does not hear); typing fires a native one, which jQuery hears too.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(field).on("change", update);
  } else {
    field.addEventListener("change", update);
  }
});
