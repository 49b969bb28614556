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
