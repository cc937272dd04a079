// The studio's shell: sign-in gate, navigation, and the page of the current hash route. A
// page is a module with render(root, params); add one by adding it to PAGES (the nav lists
// exactly the pages that exist).
import { onRefused } from "./api.js";
import { el, replace } from "./dom.js";
import { createRouter } from "./router.js";
import { signOut, token } from "./session.js";
import * as audit from "./pages/audit.js";
import * as campaign from "./pages/campaign.js";
import * as campaigns from "./pages/campaigns.js";
import * as experiments from "./pages/experiments.js";
import * as report from "./pages/report.js";
import * as preview from "./pages/preview.js";
import * as signin from "./pages/signin.js";

const PAGES = [
  { path: "/campaigns", title: "Campaigns", page: campaigns },
  { path: "/experiments", title: "Live experiments", page: experiments },
  { path: "/preview", title: "Preview as customer", page: preview },
  // One campaign's views: reached from the campaigns page, not listed in the nav.
  { path: "/campaigns/:id", title: "Campaign", page: campaign, parent: "/campaigns" },
  { path: "/campaigns/:id/report", title: "Campaign report", page: report, parent: "/campaigns" },
  { path: "/campaigns/:id/audit", title: "Audit trail", page: audit, parent: "/campaigns" },
];

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const account = document.getElementById("account");
let current = { route: PAGES[0], params: {} };

function renderNav() {
  replace(nav, el("ul", {}, PAGES.filter((p) => !p.parent).map((p) =>
    el("li", {}, el("a", { href: `#${p.path}`, "aria-current": p === current.route || p.path === current.route.parent ? "page" : false }, p.title)))));
  const leave = () => {
    signOut();
    show(current.route, current.params);
  };
  replace(account, el("button", { type: "button", on: { click: leave } }, "Sign out"));
}

function show(route, params = {}, notice = "") {
  current = { route, params };
  if (!token()) {
    replace(nav);
    replace(account);
    document.title = "Sign in — Tailor studio";
    signin.render(main, { notice, onSignedIn: () => show(route, params) });
    return;
  }
  renderNav();
  document.title = `${route.title} — Tailor studio`;
  replace(main);
  route.page.render(main, params);
}

// The edge refused the session's token on an admin route (restarted with another token):
// back to sign-in, saying why.
onRefused(() => {
  signOut();
  show(current.route, current.params, "The edge no longer accepts the token this tab signed in with: sign in again.");
});

createRouter(PAGES, { fallback: "/experiments", onRoute: show }).start();
