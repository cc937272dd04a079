// Hash routing: "#/experiments", "#/preview". A route is a page module's render(root, params);
// a path segment written ":name" in a pattern is passed as params.name (decoded).
export function createRouter(routes, { fallback, onRoute }) {
  function match(hash) {
    const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
    for (const route of routes) {
      const pattern = route.path.split("/").filter(Boolean);
      if (pattern.length !== parts.length) continue;
      const params = {};
      if (pattern.every((p, i) => (p.startsWith(":") ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i]))) {
        return { route, params };
      }
    }
    return null;
  }
  function go() {
    const found = match(location.hash);
    if (!found) {
      location.replace(`#${fallback}`);
      return;
    }
    onRoute(found.route, found.params);
  }
  addEventListener("hashchange", go);
  return { start: go };
}
