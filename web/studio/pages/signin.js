// Sign-in: the admin token (tailor-edge --admin-token) is checked with GET /admin/v1/configs
// before it is kept for the session; a refusal is explained next to the field.
import { api } from "../api.js";
import { el, replace } from "../dom.js";
import { signIn, signOut } from "../session.js";

export function render(root, { onSignedIn, notice }) {
  const input = el("input", {
    id: "admin-token", name: "token", type: "password", autocomplete: "current-password",
    required: true, "aria-describedby": "token-help token-error",
  });
  const error = el("p", { id: "token-error", class: "error", role: "alert" }, notice ?? "");
  const button = el("button", { type: "submit" }, "Sign in");
  const form = el("form", { class: "card narrow", "aria-labelledby": "signin-title" },
    el("h1", { id: "signin-title" }, "Sign in to the studio"),
    el("label", { for: "admin-token" }, "Admin token"),
    input,
    el("p", { id: "token-help", class: "hint" },
      "The token tailor-edge was started with (--admin-token); tools/run prints a one-run token. ",
      "It is kept in this tab only and sent to the edge as an Authorization header."),
    error,
    button,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = input.value.trim();
    replace(error);
    if (!value) {
      replace(error, "Type the admin token first.");
      return;
    }
    button.disabled = true;
    signIn(value);
    try {
      await api.checkToken();
      onSignedIn();
    } catch (err) {
      signOut();
      button.disabled = false;
      input.setAttribute("aria-invalid", "true");
      replace(error, explain(err));
      input.focus();
    }
  });
  replace(root, form);
  input.focus();
}

function explain(err) {
  if (err.status === 403 && err.problem?.type?.endsWith("/admin-disabled")) {
    return "This edge has no admin token configured: start tailor-edge with --admin-token.";
  }
  if (err.status === 401 || err.status === 403) {
    return "The edge refused this token: check it and try again (the edge said: " + err.message + ").";
  }
  return err.message;
}
