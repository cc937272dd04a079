// An SDK key's config versions with rollback (POST /admin/v1/configs/{key}/rollback): the
// button asks for confirmation in place before anything changes.
import { api } from "../api.js";
import { el, replace } from "../dom.js";

export function versionsTable(entry, { onChanged }) {
  const status = el("p", { class: "error", role: "alert" });
  const rows = [...entry.versions].reverse().map((v) => {
    const action = el("td", {});
    if (v.active) replace(action, el("strong", {}, "active (served now)"));
    else replace(action, rollbackButton(entry.sdkKey, v.version, action, status, onChanged));
    return el("tr", {},
      el("th", { scope: "row" }, `v${v.version}`),
      el("td", {}, el("time", { datetime: v.publishedAt }, v.publishedAt)),
      el("td", { class: "mono", title: v.sha256 }, v.sha256.slice(0, 12)),
      action,
    );
  });
  return el("div", {},
    el("table", { class: "versions" },
      el("caption", {}, `Versions of ${entry.sdkKey}`),
      el("thead", {}, el("tr", {}, ["Version", "Published", "SHA-256", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows),
    ),
    status,
  );
}

function rollbackButton(sdkKey, version, cell, status, onChanged) {
  return el("button", {
    type: "button",
    on: {
      click: () => {
        const confirm = el("button", {
          type: "button", class: "danger",
          on: {
            click: async () => {
              confirm.disabled = true;
              replace(status);
              try {
                await api.rollback(sdkKey, version);
                onChanged();
              } catch (err) {
                replace(status, `Rollback of ${sdkKey} to v${version} failed: ${err.message}`);
                replace(cell, rollbackButton(sdkKey, version, cell, status, onChanged));
              }
            },
          },
        }, `Confirm: serve v${version} of ${sdkKey} to every visitor`);
        const cancel = el("button", {
          type: "button",
          on: { click: () => replace(cell, rollbackButton(sdkKey, version, cell, status, onChanged)) },
        }, "Cancel");
        replace(cell, confirm, " ", cancel);
        confirm.focus();
      },
    },
  }, `Roll back to v${version}`);
}
