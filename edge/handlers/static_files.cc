// GET of any path outside the API: files under --web-root, read on the worker pool.
// "/" and directories serve index.html; ".." segments, NUL bytes and symlinks leading outside
// the root are refused with 404 (the root is not disclosed). Files under /studio/ (the
// marketer studio) carry a Content-Security-Policy: same-origin scripts, styles, frames and
// requests only, no inline script or style, WebAssembly compilation allowed (the SDK's
// decisions in the preview), and framed only by the edge's own pages.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text/percent.h"
#include "edge/app.h"

namespace tailor::edge {
namespace {

std::string_view content_type_for(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".jsonl") return "application/jsonl";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  if (ext == ".ts") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// The request path percent-decoded ('+' is itself in a path); false when an escape is malformed
// or the path would hold a NUL byte.
bool decode_path(std::string_view in, std::string& out) {
  auto decoded = text::percent_decode_strict(in, text::PlusSign::kLiteral);
  if (!decoded || decoded->find('\0') != std::string::npos) return false;
  out = std::move(*decoded);
  return true;
}

constexpr std::string_view kStudioCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

}  // namespace

void handle_static(App& app, const Request& req, Done done) {
  if (app.options().web_root.empty()) {
    return done(problem(404, "not-found", "no route for GET " + req.path +
                                              " (static files are off: no --web-root)"));
  }
  app.workers().submit([&app, path = req.path, done] {
    namespace fs = std::filesystem;
    auto not_found = [&] {
      done(problem(404, "not-found", "no file or route for " + path));
    };
    std::string decoded;
    if (!decode_path(path, decoded)) return not_found();
    fs::path rel;
    for (const auto& part : fs::path(decoded).relative_path()) {
      if (part == "..") return not_found();
      if (part != "." && !part.empty()) rel /= part;
    }
    std::error_code ec;
    fs::path root = fs::canonical(app.options().web_root, ec);
    if (ec) return not_found();
    fs::path file = fs::weakly_canonical(root / rel, ec);
    if (ec) return not_found();
    if (fs::is_directory(file, ec)) file /= "index.html";
    auto [mismatch, unused] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    (void)unused;
    if (mismatch != root.end() || !fs::is_regular_file(file, ec)) return not_found();
    std::ifstream in(file, std::ios::binary);
    if (!in) return not_found();
    std::ostringstream ss;
    ss << in.rdbuf();
    Response r;
    r.content_type = content_type_for(file);
    r.body = std::make_shared<const std::string>(ss.str());
    r.add_header("Cache-Control", "no-cache");
    r.add_header("X-Content-Type-Options", "nosniff");
    if (!rel.empty() && *rel.begin() == "studio") {
      r.add_header("Content-Security-Policy", std::string(kStudioCsp));
    }
    done(std::move(r));
  });
}

}  // namespace tailor::edge
