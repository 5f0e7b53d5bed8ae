/* The photo chooser (admin/photos/photo/choose/). Choosing a photo:
   - in a Django raw-id popup (?_popup=1), fills the opener's field as the admin's own
     lookup does (dismissRelatedLookupPopup);
   - in any other popup, posts {type: "photos:chosen", photo} to the opener (same origin
     only) and closes;
   - in a frame, posts the same message to the parent;
   - and always dispatches a "photos:chosen" event on the document, with the photo as
     its detail, for a page that embeds the list itself. */
"use strict";
(function () {
  function choose(photo) {
    const params = new URLSearchParams(window.location.search);
    const origin = window.location.origin;
    document.dispatchEvent(new CustomEvent("photos:chosen", { detail: photo }));
    const status = document.querySelector(".photo-chosen");
    if (status) {
      status.hidden = false;
      status.textContent = "Chosen: " + photo.title + " (photo " + photo.id + ")";
    }
    const opener = window.opener;
    if (opener && params.has("_popup") && typeof opener.dismissRelatedLookupPopup === "function") {
      opener.dismissRelatedLookupPopup(window, String(photo.id));
      return;
    }
    const target = opener || (window.parent !== window ? window.parent : null);
    if (target) {
      target.postMessage({ type: "photos:chosen", photo: photo }, origin);
      if (opener) window.close();
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".photo-choice");
    if (!button) return;
    event.preventDefault();
    choose(JSON.parse(button.dataset.photo));
  });
})();
