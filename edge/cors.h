// Cross-origin access (CORS) for pages on other origins that use the SDK routes: the browser
// SDK fetches configs (with If-None-Match), opens config streams, posts event batches (JSON by
// fetch, text/plain by navigator.sendBeacon, which sends credentials), asks for decisions and
// OFREP evaluations. Admin routes are left out: they are for servers and the CLI.
//
// Every answer to a request with an Origin header on those routes echoes the Origin, allows
// credentials, exposes ETag, X-Tailor-Config-Version and X-Request-Id and varies on Origin. A
// preflight (OPTIONS with Access-Control-Request-Method) is answered 204 with the methods of the
// path and the request headers the SDK uses (Content-Type, If-None-Match, Last-Event-ID).
#pragma once

#include <string>

#include "edge/http.h"
#include "edge/router.h"

namespace tailor::edge {

// True when `path` is one of the routes pages may call across origins.
bool cors_path(std::string_view path);

// True for an OPTIONS request with Origin and Access-Control-Request-Method.
bool is_preflight(const Request& req);

// The answer to a preflight: 204 with the CORS headers when the requested method is served on
// the path, else 404 (unknown path) or 405 with Allow, as for the method itself.
Response preflight(const Request& req);

// Adds the CORS headers of an actual (non-preflight) response for `origin` ("" adds nothing).
void add_cors_headers(Response& r, const std::string& origin);

}  // namespace tailor::edge
