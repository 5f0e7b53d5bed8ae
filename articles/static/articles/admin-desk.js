/* The newsroom desk in the admin.
 * - Beside each schedule time (typed in newsroom time), show the same moment in UTC.
 * - Warn before a workflow button acts on the last saved version while the form has
 *   unsaved changes.
 */
(function () {
  "use strict";

  function offsetMinutes(utcMillis, timeZone) {
    var parts = new Intl.DateTimeFormat("en-US", {
      timeZone: timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(new Date(utcMillis));
    var v = {};
    parts.forEach(function (p) { v[p.type] = p.value; });
    var asUtc = Date.UTC(+v.year, +v.month - 1, +v.day, +v.hour, +v.minute, +v.second);
    return Math.round((asUtc - utcMillis) / 60000);
  }

  // "2026-03-08T14:30" in `timeZone` -> UTC milliseconds (DST-aware, two passes).
  function zonedToUtc(value, timeZone) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
    if (!m) { return null; }
    var guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    var utc = guess - offsetMinutes(guess, timeZone) * 60000;
    return guess - offsetMinutes(utc, timeZone) * 60000;
  }

  function showUtc(input) {
    var output = input.parentNode.querySelector("output.desk-utc");
    if (!output) { return; }
    var utc = input.value ? zonedToUtc(input.value, input.dataset.timeZone) : null;
    output.textContent = utc === null ? "" : "= " + new Date(utc).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=datetime-local][data-time-zone]").forEach(function (input) {
      input.addEventListener("input", function () { showUtc(input); });
      showUtc(input);
    });

    var storyForm = document.getElementById("article_form");
    if (!storyForm) { return; }
    var dirty = false;
    storyForm.addEventListener("input", function () { dirty = true; });
    storyForm.addEventListener("change", function () { dirty = true; });
    storyForm.addEventListener("submit", function () { dirty = false; });
    document.querySelectorAll("form[data-workflow-action]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (dirty && !window.confirm("You have unsaved changes. This acts on the last saved version. Go on without them?")) {
          event.preventDefault();
        }
      });
    });
  });
})();
