// "Copy link": a plain link to the permalink (it works with JavaScript off); with JavaScript,
// the full address is copied and a polite live region says so.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-copy-link]");
  const status = document.querySelector("[data-copy-status]");
  if (!link || !status || !navigator.clipboard) return;
  event.preventDefault();
  const address = new URL(link.getAttribute("href"), window.location.href).href;
  try {
    await navigator.clipboard.writeText(address);
    status.textContent = `Link copied: ${address}`;
  } catch {
    window.location.href = address;  // no clipboard: go to the permalink, as with JavaScript off
  }
});
