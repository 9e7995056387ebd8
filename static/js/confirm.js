// Confirmation dialogs. A link marked data-confirm opens the confirmation as its own page; with
// htmx it loads the same page's <dialog> instead (hx-get, hx-target="body", hx-swap="beforeend").
// The dialog is modal: focus moves to its heading, Escape or "Go back" closes it (natively), and
// focus returns to the link that opened it.
document.addEventListener("DOMContentLoaded", () => {
  let opener = null;
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const element = event.detail.elt;
    if (element.matches("[data-confirm]")) {
      opener = element;
      document.querySelectorAll("dialog.confirm-dialog").forEach((old) => old.remove());
    }
  });
  document.body.addEventListener("htmx:load", (event) => {
    const dialog = event.detail.elt;
    if (!(dialog instanceof HTMLDialogElement) || !dialog.matches(".confirm-dialog")) return;
    const back = opener;
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (back && back.isConnected) back.focus();
    });
    dialog.showModal();
    dialog.querySelector("h2")?.focus();
  });
});
