// Sesam – small progressive enhancements. Everything works without this file.
(function () {
  "use strict";

  // Top bar dropdowns (<details>): one open at a time; Escape closes and returns focus.
  document.addEventListener("toggle", function (event) {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.classList.contains("dropdown")) return;
    document.querySelectorAll("details.dropdown[open]").forEach(function (other) {
      if (other !== details) other.open = false;
    });
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    const open = document.activeElement && document.activeElement.closest("details.dropdown[open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.dropdown[open]").forEach(function (details) {
      if (!details.contains(event.target)) details.open = false;
    });
  });

  // Modal dialogs: a server-rendered <dialog data-open> opens modally (focus is trapped by the
  // browser); closing returns focus to what opened it.
  // The element that asked for the dialog (a Beställ button, a menu entry): focus returns there.
  let dialogOpener = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.target && event.detail.target.id === "dialogs") dialogOpener = event.detail.elt;
  });
  function openDialogs(root) {
    root.querySelectorAll("dialog[data-open]").forEach(function (dialog) {
      if (dialog.dataset.opened) return; // each dialog opens once; a closed one stays closed
      dialog.dataset.opened = "1";
      // Rendered `open` so that it shows without JavaScript; with it, it becomes modal (removing
      // the attribute, unlike close(), fires no close event).
      if (dialog.open) dialog.removeAttribute("open");
      const opener = dialogOpener || document.activeElement;
      dialog.addEventListener("close", function () {
        if (opener && document.contains(opener)) opener.focus();
        if (dialog.hasAttribute("data-remove-on-close")) dialog.remove();
      });
      dialog.showModal();
      const first = dialog.querySelector("[autofocus], input:not([type=hidden]), select, textarea, button");
      if (first) first.focus();
    });
  }
  // A response that replaces an open dialog with no dialog (the work is done) closes it first,
  // so that focus goes back to what opened it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    if (target && target.tagName === "DIALOG" && target.open && !/<dialog/i.test(event.detail.serverResponse || "")) {
      target.close();
    }
  });
  document.addEventListener("click", function (event) {
    const closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      const dialog = closer.closest("dialog");
      if (dialog) { event.preventDefault(); dialog.close(); }
    }
  });

  // Auto-submit controls (e.g. a select that reloads its form) – the form has a submit button too.
  document.addEventListener("change", function (event) {
    const control = event.target.closest("[data-autosubmit]");
    if (control && control.form) control.form.requestSubmit();
  });

  // After an HTMX swap: open dialogs, and move focus to an element that asks for it.
  document.addEventListener("htmx:afterSettle", function (event) {
    const root = event.detail.elt || document;
    openDialogs(document);
    const target = root.querySelector ? root.querySelector("[data-focus]") : null;
    if (target) target.focus();
  });
  document.addEventListener("DOMContentLoaded", function () { openDialogs(document); });

  // A menu entry that loads a dialog (e.g. Registrera/skapa → Låneförbindelse) closes its menu
  // first and leaves focus on the menu's summary, so that closing the dialog returns there.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const details = event.detail.elt.closest && event.detail.elt.closest("details.dropdown[open]");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  });

  // Supply pages. Controls that only work with JavaScript are rendered `hidden` with
  // [data-js-only] or [data-step], and shown here; without JavaScript the page works without them.
  function enhance(root) {
    root.querySelectorAll("[data-js-only][hidden], button[data-step][hidden]").forEach(function (element) {
      element.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });

  // − / + beside a number input (Antal): step it within its min and max.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-step]");
    if (!button) return;
    const input = document.getElementById(button.getAttribute("data-for"));
    if (!input) return;
    event.preventDefault();
    if (!input.value) input.value = input.min || "1";
    else if (Number(button.getAttribute("data-step")) < 0) input.stepDown();
    else input.stepUp();
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });

  // Välj adress (ORD-6): an address chosen in the list fills the field Adress and sets
  // Leveranssätt to match; typing another address chooses Ange adress manuellt;
  // a new Leveranssätt chooses its address unless one was typed. Without this file the server
  // uses the chosen address.
  function addressForm(element) {
    const form = element.form;
    return form && form.querySelector("[data-address-choices]") ? form : null;
  }
  document.addEventListener("change", function (event) {
    const target = event.target;
    const form = addressForm(target);
    if (!form) return;
    const field = form.elements.namedItem("address");
    const method = form.elements.namedItem("delivery_method");
    if (target.name === "address_choice") {
      if (target.dataset.address) field.value = target.dataset.address;
      else field.focus();
      if (target.dataset.address && method) method.value = target.value; // to_unit / to_patient
    } else if (target === method) {
      const current = form.querySelector("input[name=address_choice]:checked");
      const match = form.querySelector("input[name=address_choice][value=" + method.value + "]");
      if (match && match.dataset.address && (!current || current.dataset.address)) {
        match.checked = true;
        field.value = match.dataset.address;
      }
    }
  });
  document.addEventListener("input", function (event) {
    const target = event.target;
    const form = addressForm(target);
    if (!form || target.name !== "address") return;
    const current = form.querySelector("input[name=address_choice]:checked");
    const manual = form.querySelector("input[name=address_choice][value=manual]");
    if (manual && current !== manual && (!current || current.dataset.address !== target.value)) {
      manual.checked = true;
    }
  });

  // Låneförbindelse: the form is checked by the server first; a valid one comes back with
  // the link Öppna pdf [data-open-pdf], opened here in a new tab (once). Should the browser
  // block the tab, the link stays for the user to follow.
  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("a[data-open-pdf]:not([data-opened])").forEach(function (link) {
      link.dataset.opened = "1";
      window.open(link.href, "_blank");
    });
  });

  // A header checkbox [data-select-all=name] ticks every checkbox of that name in its form
  // (Kvittera direktleverans: "bock framför Kvittera i kolumnrubrik markerar samtliga rader").
  document.addEventListener("change", function (event) {
    const all = event.target.closest("[data-select-all]");
    if (!all || !all.form) return;
    const name = all.getAttribute("data-select-all");
    all.form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (box.name === name) box.checked = all.checked;
    });
  });
})();

// Buttons marked data-once (Skicka beställning, Skapa inköpsorder, Ja, makulera) send their form
// once: a second click while the page waits does nothing. The server does the work once anyway
// (ORD-7); this only keeps a double click calm. Coming back with Back makes them usable again.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const button = event.submitter;
    if (!button || !button.hasAttribute("data-once")) return;
    if (button.dataset.sent) { event.preventDefault(); return; }
    button.dataset.sent = "1";
    button.setAttribute("aria-disabled", "true");
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-once][data-sent]").forEach(function (button) {
      delete button.dataset.sent;
      button.removeAttribute("aria-disabled");
    });
  });
})();
