// Progressive enhancements only; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Submit small filter forms as soon as a select changes (a button remains for no-JS use).
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
});
