// A shared draft's view count: one POST once the page has loaded in a browser. Link
// previews and mail scanners fetch the page but run no scripts, so they are not counted,
// and fetching the page changes nothing (articles.services.share_link_record_view).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-viewed-url");
  if (!url) {
    return;
  }
  if (navigator.sendBeacon && navigator.sendBeacon(url)) {
    return;
  }
  if (window.fetch) {
    window.fetch(url, { method: "POST", credentials: "omit", keepalive: true });
  }
})();
