// "Copy link": a plain link to the permalink (it works with JavaScript off); with JavaScript,
// the full address is copied and a polite live region says so.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-copy-link]");
  const status = document.querySelector("[data-copy-status]");
  if (!link || !status || !navigator.clipboard) return;
  event.preventDefault();
  const address = new URL(link.getAttribute("href"), window.location.href).href;
  status.textContent = "";  // so copying the same link twice is announced twice
  try {
    await navigator.clipboard.writeText(address);
    status.textContent = `Link copied: ${address}`;
  } catch {
    status.textContent = "Could not copy the link: this page’s address is the link to share.";
    window.location.href = address;  // go to the permalink, as with JavaScript off
  }
});
