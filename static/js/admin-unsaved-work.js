// Typed text is never lost on an admin edit page (progressive enhancement: without JavaScript
// the page works as before).
// 1. Leaving the page with unsaved changes asks first; saving the form does not.
// 2. While the author types, a copy of the form is kept in this browser (localStorage, one per
//    page address). If the save never went through (the session had ended and Save led to the
//    sign-in page, or the connection dropped), the page offers the text back when it opens again:
//    "You have unsaved text from 14:05: Restore it / Discard it". A successful save clears the
//    copy: Django's "… was changed successfully" message links to the item saved.
// 3. Copies are kept per signed-in user (templates/admin/base_site.html names them), so a
//    colleague on the same browser is never offered them; "Log out" clears the user's copies.
document.addEventListener("DOMContentLoaded", () => {
  const owner = document.querySelector("meta[name=kneesite-user]");
  if (!owner) return;
  const PREFIX = `kneesite-unsaved:${owner.content}:`;
  const VERSION_FIELD = "loaded_version"; // kneesite/conflicts.py: which version the author opened

  for (const link of document.querySelectorAll(".messagelist .success a[href]")) {
    const path = new URL(link.href, location.href).pathname;
    localStorage.removeItem(PREFIX + path);
    localStorage.removeItem(PREFIX + path.replace(/[^/]+\/change\/$/, "add/")); // a new item's draft
  }
  // Clicking "Log out" takes the focus from a field, whose "change" then schedules one more copy
  // (keepSoon below): once signing out, nothing is kept, unless the author chose to stay on the
  // page when asked and types again (keepSoon).
  let signingOut = false;
  document.getElementById("logout-form")?.addEventListener("submit", () => {
    signingOut = true;
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(PREFIX)) localStorage.removeItem(name);
    }
  });

  const form = document.querySelector("#content-main form[id$='_form']:not(#changelist-form)");
  if (!form) return;
  const key = PREFIX + location.pathname;

  // What the author types: text, choices and ticks, not the hidden bookkeeping, files or the
  // two-box pickers (filter_horizontal), and not an inline's blank template row.
  const typed = () =>
    [...form.elements].filter(
      (field) =>
        field.name &&
        !field.name.includes("__prefix__") &&
        !field.multiple &&
        !["hidden", "file", "password", "submit", "button", "reset"].includes(field.type),
    );
  const valueOf = (field) =>
    field.type === "checkbox" ? field.checked : field.type === "radio" ? (field.checked ? field.value : null) : field.value;
  const read = () => {
    const values = {};
    for (const field of typed()) {
      const value = valueOf(field);
      if (field.type !== "radio" || value !== null) values[field.name] = value;
    }
    return values;
  };
  const versionField = form.elements[VERSION_FIELD];
  // Fields on only one side (a box the server adds to a refused form) are no difference.
  const differs = (a, b) => Object.keys(a).some((name) => name in b && a[name] !== b[name]);

  const onPage = read();
  // A page the server refused to save shows the author's unsaved text already.
  let unsaved = form.querySelector(".errornote, .errorlist") !== null;
  let submitting = false;

  const keep = () => {
    if (signingOut) return;
    const values = read();
    if (differs(values, onPage) || unsaved) {
      const draft = { savedAt: Date.now(), values, version: versionField ? versionField.value : null };
      try {
        localStorage.setItem(key, JSON.stringify(draft));
      } catch {
        // Storage full or switched off: the warning before leaving still protects the text.
      }
    } else {
      localStorage.removeItem(key);
    }
  };
  let pending = null;
  const keepSoon = () => {
    signingOut = false; // still on the page, and typing
    clearTimeout(pending);
    pending = setTimeout(keep, 300);
  };
  form.addEventListener("input", keepSoon);
  form.addEventListener("change", keepSoon);
  form.addEventListener("submit", () => {
    submitting = true;
    clearTimeout(pending);
    keep();
  });
  window.addEventListener("beforeunload", (event) => {
    if (!submitting && (unsaved || differs(read(), onPage))) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it to show the dialog
    }
  });

  let draft = null;
  try {
    draft = JSON.parse(localStorage.getItem(key));
  } catch {
    localStorage.removeItem(key);
  }
  if (!draft || !draft.values || !differs(draft.values, onPage)) return;
  // A refused save (an edit conflict, a form error) shows the typed text already, merged with a
  // colleague's newer changes: no offer there, which would undo the merge; the copy stays kept.
  if (form.querySelector(".errornote")) return;

  const when = new Date(draft.savedAt);
  const today = when.toDateString() === new Date().toDateString();
  const time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const offer = document.createElement("div");
  offer.setAttribute("role", "status");
  const list = document.createElement("ul");
  list.className = "messagelist";
  const item = document.createElement("li");
  item.className = "warning";
  const words = document.createElement("span");
  words.textContent = `You have unsaved text from ${today ? time : `${when.toLocaleDateString()} ${time}`}. `;
  const restore = document.createElement("button");
  restore.type = "button";
  restore.className = "button";
  restore.textContent = "Restore it";
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "button";
  discard.textContent = "Discard it";
  item.append(words, restore, " ", discard);
  list.append(item);
  offer.append(list);
  form.before(offer);

  restore.addEventListener("click", () => {
    for (const field of typed()) {
      if (!(field.name in draft.values)) continue;
      const value = draft.values[field.name];
      if (field.type === "checkbox") field.checked = value;
      else if (field.type === "radio") field.checked = field.value === value;
      else field.value = value;
      // Editors and previews (markdownx, the slug filler) follow their field's events.
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    // The text was written on the version the author opened then: if someone saved a newer one
    // since, the save is refused as an edit conflict rather than overwriting it unseen.
    if (versionField && draft.version !== null) versionField.value = draft.version;
    unsaved = true;
    keep();
    words.textContent = "Your unsaved text is back in the form. Check it, then save.";
    restore.remove();
    discard.remove();
  });
  discard.addEventListener("click", () => {
    localStorage.removeItem(key);
    offer.remove();
  });
});
