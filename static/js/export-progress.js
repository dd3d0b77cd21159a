// The export job page: follow the job's progress without reloading the page, and
// reload once when it is finished so the page shows the download or the error.
(function () {
  "use strict";
  var root = document.getElementById("export-job");
  if (!root || root.dataset.finished === "true") {
    return;
  }
  var bar = document.getElementById("export-progress");
  var percent = document.getElementById("export-percent");
  var status = document.getElementById("status");

  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (job) {
        if (job.finished) {
          window.location.reload();
          return;
        }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        percent.textContent = job.percent + "%";
        status.textContent = job.label + (job.steps_total ? " – " + job.steps_done + " / " + job.steps_total : "");
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 10000);
      });
  }
  window.setTimeout(poll, 2000);
})();
