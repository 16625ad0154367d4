// "Copy link": a plain link to the permalink (it works with JavaScript off). With JavaScript, the
// full address is copied, and a short status beside the link says so, on screen and to screen
// readers (a polite live region, made when the page loads so it is in place before it speaks).
// If the browser refuses the clipboard, the status shows the address to copy by hand instead.
function statusFor(link) {
  let status = link.nextElementSibling;
  if (!status || !status.hasAttribute("data-copy-status")) {
    status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-copy-status", "");
    link.after(status);
  }
  return status;
}

document.addEventListener("DOMContentLoaded", () => {
  if (navigator.clipboard) document.querySelectorAll("[data-copy-link]").forEach(statusFor);
});

document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  const status = statusFor(link);
  const address = new URL(link.getAttribute("href"), window.location.href).href;
  status.textContent = "";  // so copying the same link twice is announced twice
  status.classList.remove("copy-status-refused");
  try {
    await navigator.clipboard.writeText(address);
    status.textContent = "Link copied";
  } catch {
    status.classList.add("copy-status-refused");
    status.textContent = `Could not copy the link. Copy this address instead: ${address}`;
  }
});
