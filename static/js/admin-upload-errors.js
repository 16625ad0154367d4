// The admin's Markdown editors (markdownx): when the server refuses a dropped image, say why
// beside the editor and leave the author's text as it was (markdownx would write
// "Invalid response" into it).
document.addEventListener("DOMContentLoaded", () => {
  for (const widget of document.querySelectorAll(".markdownx")) {
    const editor = widget.querySelector("textarea");
    if (!editor) continue;
    widget.addEventListener("markdownx.fileUploadError", (event) => {
      const [response] = event.detail || [];
      const reasons = response && Array.isArray(response.image) ? response.image : ["The server refused this file."];
      // markdownx writes "Invalid response" at the cursor right after this event: take out just
      // that, keeping anything typed while the upload was on its way.
      setTimeout(() => { editor.value = editor.value.replace("Invalid response", ""); }, 0);
      let note = widget.querySelector(".upload-error");
      if (!note) {
        note = document.createElement("p");
        note.className = "errornote upload-error";
        note.setAttribute("role", "alert");
        editor.after(note);
      }
      note.textContent = `The image was not added: ${reasons.join(" ")}`;
    });
  }
});
