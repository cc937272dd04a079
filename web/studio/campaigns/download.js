// Downloads of a campaign's files: fetched with the admin token, handed to the browser as a
// same-origin blob: link (the token never appears in a URL).
import { api } from "../api.js";
import { el } from "../dom.js";

const TYPES = { csv: "text/csv", json: "application/json", jsonl: "application/jsonl", html: "text/html" };

export function downloadButton(id, name, label) {
  const error = el("span", { class: "error", role: "alert" });
  const button = el("button", { type: "button", class: "secondary" }, label);
  button.addEventListener("click", async () => {
    error.textContent = "";
    button.disabled = true;
    try {
      const text = await api.campaignFile(id, name);
      saveText(`${id}-${name.split("/").pop()}`, text);
    } catch (err) {
      error.textContent = `Could not download ${name}: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return el("span", {}, button, error);
}

export function saveText(fileName, text) {
  const ext = fileName.split(".").pop();
  const url = URL.createObjectURL(new Blob([text], { type: TYPES[ext] ?? "application/octet-stream" }));
  const link = el("a", { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
