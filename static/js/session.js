// Keeps a logged-in session alive while someone types or clicks, and warns before the
// session ends (popsite.accounts.middleware.SessionTimeoutMiddleware), so text being
// written is not lost.
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) { return; }
  var idle = Number(box.dataset.idle) * 1000;
  var endsAt = Date.now() + Number(box.dataset.left) * 1000;
  var WARN = 5 * 60 * 1000;
  var PING_EVERY = 60 * 1000;
  var lastActive = Date.now();
  var lastPing = Date.now();

  function ping() {
    lastPing = Date.now();
    fetch(box.dataset.ping, { credentials: "same-origin", cache: "no-store" });
  }

  function active() {
    lastActive = Date.now();
    if (lastActive - lastPing > PING_EVERY) { ping(); }
  }

  function check() {
    var now = Date.now();
    var message = "";
    if (endsAt - now < WARN) {
      message = box.dataset.soon;
    } else if (now - lastActive > idle - WARN) {
      message = box.dataset.idleSoon;
    }
    box.textContent = message;
    box.hidden = !message;
  }

  ["input", "keydown", "click", "touchstart"].forEach(function (name) {
    document.addEventListener(name, active, { passive: true });
  });
  setInterval(check, 15 * 1000);
})();
