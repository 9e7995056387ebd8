// An activity's public page: the "Print" button is hidden until this script shows it (CSP
// allows no inline onclick); without JavaScript the page tells the reader to print from the
// browser instead.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
