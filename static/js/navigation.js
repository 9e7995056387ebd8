// The staff menu's groups are <details>, so they open without JavaScript; this makes them
// behave like dropdowns: one open at a time, closed by Escape (focus back on the group's
// name) or by a click elsewhere.
document.addEventListener("DOMContentLoaded", () => {
  const groups = Array.from(document.querySelectorAll(".staff-menu details"));
  groups.forEach((group) => {
    group.addEventListener("toggle", () => {
      if (group.open) groups.forEach((other) => { if (other !== group) other.open = false; });
    });
  });
  document.addEventListener("click", (event) => {
    groups.forEach((group) => { if (group.open && !group.contains(event.target)) group.open = false; });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = groups.find((group) => group.open);
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
});
