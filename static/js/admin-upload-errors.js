// The admin's Markdown editors (markdownx), for images dropped or pasted into them:
// - when the server refuses one, say why beside the editor and leave the author's text as it was
//   (markdownx would write "Invalid response" into it);
// - when one is added, select its placeholder description ("Describe this picture"), so what
//   the author types next replaces it.
document.addEventListener("DOMContentLoaded", () => {
  for (const widget of document.querySelectorAll(".markdownx")) {
    const editor = widget.querySelector("textarea");
    if (!editor) continue;
    const note = () => {
      let element = widget.querySelector(".upload-error");
      if (!element) {
        element = document.createElement("p");
        element.className = "errornote upload-error";
        element.setAttribute("role", "alert");
        editor.after(element);
      }
      return element;
    };
    widget.addEventListener("markdownx.fileUploadError", (event) => {
      const [response] = event.detail || [];
      const reasons = response && Array.isArray(response.image) ? response.image : ["The server refused this file."];
      // markdownx writes "Invalid response" at the cursor right after this event: take out just
      // that, keeping anything typed while the upload was on its way.
      setTimeout(() => { editor.value = editor.value.replace("Invalid response", ""); }, 0);
      note().textContent = `The image was not added: ${reasons.join(" ")}`;
    });
    widget.addEventListener("markdownx.fileUploadEnd", (event) => {
      const [response] = event.detail || [];
      const code = response && response.image_code;
      const description = code && /!\[([^\]]*)\]/.exec(code); // after the blank line before it
      widget.querySelector(".upload-error")?.remove();
      if (!description) return;
      // markdownx has just inserted `code` and put the cursor after it.
      const start = editor.selectionEnd - code.length + description.index + 2;
      if (editor.value.slice(start, start + description[1].length) !== description[1]) return;
      editor.focus();
      editor.setSelectionRange(start, start + description[1].length);
    });
  }
});
