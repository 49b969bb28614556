// Enhancement only: the page works without it. Escape hides an open mark's explanation,
// and choosing a file clears the pasted-text error so the form reads sensibly.
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && document.activeElement && document.activeElement.classList.contains("mark")) {
    document.activeElement.classList.add("tip-hidden");
  }
});
document.addEventListener("focusin", function (event) {
  if (event.target.classList && event.target.classList.contains("mark")) {
    event.target.classList.remove("tip-hidden");
  }
});

// A batch page's progress bar follows the marking without reloading the page.
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box || !window.fetch) return;
  var bar = box.querySelector("progress");
  var text = document.getElementById("progress-text");
  function poll() {
    fetch(box.getAttribute("data-progress-url"), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.max = p.total || 1;
        bar.value = p.finished;
        bar.textContent = p.finished + " of " + p.total;
        if (p.complete) {
          text.textContent = p.finished + " of " + p.total + " marked" +
            (p.failed ? ", " + p.failed + " could not be checked" : "") + ": done.";
          if (box.getAttribute("data-was-complete") !== "yes") { window.location.reload(); }
        } else {
          text.textContent = p.finished + " of " + p.total + " marked…";
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  box.setAttribute("data-was-complete", bar.value >= bar.max && bar.max > 0 ? "yes" : "no");
  if (box.getAttribute("data-was-complete") !== "yes") setTimeout(poll, 500);
})();

// The deep-linking answer goes back to the course by itself, as platforms expect (its button does the same).
(function () {
  var form = document.querySelector("form[data-auto-submit]");
  if (form) { form.submit(); }
})();
