// "Load More" for In Other News. Without JavaScript the button is a link to the next
// page; with it, the next items are fetched and appended in place.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-load-more]");
    if (!link) return;
    var list = link.closest("[data-related-list]");
    if (!list || !window.fetch) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        var more = link.closest("li");
        var firstNew = template.content.querySelector("li a");
        list.insertBefore(template.content, more);
        more.remove();
        if (firstNew) firstNew.focus();
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });
})();
