#include "edge/http.h"

#include <cctype>

#include "core/json/js.h"
#include "core/text/percent.h"

namespace tailor::edge {

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name.size() != lower_name.size()) continue;
    size_t i = 0;
    while (i < name.size() &&
           std::tolower(static_cast<unsigned char>(name[i])) == lower_name[i]) {
      ++i;
    }
    if (i == name.size()) return value;
  }
  return {};
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::make_shared<const std::string>(std::move(body));
  return r;
}

Response problem(int status, std::string_view slug, std::string_view detail,
                 std::string_view extra) {
  std::string out = "{\"type\":";
  json::append_quoted(out, "https://tailor.dev/problems/" + std::string(slug));
  out += ",\"title\":";
  json::append_quoted(out, reason_phrase(status));
  out += ",\"status\":" + std::to_string(status) + ",\"detail\":";
  json::append_quoted(out, detail);
  if (!extra.empty()) {
    out += ',';
    out += extra;
  }
  out += '}';
  Response r = json_response(status, std::move(out));
  r.content_type = "application/problem+json";
  return r;
}

std::string serialize_head(const Response& r, bool keep_alive) {
  std::string out;
  out.reserve(384);  // a config's head with its ETag and request id fits
  out += "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += reason_phrase(r.status);
  out += "\r\nServer: tailor-edge\r\n";
  auto field = [&out](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  };
  if (!r.content_type.empty()) field("Content-Type", r.content_type);
  for (const auto& [name, value] : r.headers) field(name, value);
  if (!r.request_id.empty()) field("X-Request-Id", r.request_id);
  if (r.status >= 200 && r.status != 204 && r.status != 304) {
    field("Content-Length", std::to_string(r.body ? r.body->size() : 0));
  }
  if (!keep_alive) field("Connection", "close");
  out += "\r\n";
  return out;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

bool is_json_content_type(std::string_view ct) {
  ct = trim_ows(ct.substr(0, ct.find(';')));
  std::string lower;
  for (char c : ct) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "application/json") return true;
  return lower.starts_with("application/") && lower.ends_with("+json");
}

bool query_param(std::string_view query, std::string_view name, std::string& value) {
  while (!query.empty()) {
    std::string_view pair = take_list_item(query, '&');
    auto eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    // Form encoding: '+' is a space; a malformed escape is kept as written (as browsers do).
    if (text::percent_decode(key, text::PlusSign::kSpace) == name) {
      value = eq == std::string_view::npos
                  ? std::string()
                  : text::percent_decode(pair.substr(eq + 1), text::PlusSign::kSpace);
      return true;
    }
  }
  return false;
}

int http_status(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kMalformed: return 400;
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    case StatusCode::kResourceExhausted: return 413;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: break;
  }
  return 500;
}

Response problem(const Status& status, std::string_view slug, std::string_view extra) {
  Response r = problem(http_status(status.code()), slug, status.message(), extra);
  if (status.code() == StatusCode::kUnavailable) r.add_header("Retry-After", "1");
  return r;
}

std::string_view take_list_item(std::string_view& list, char separator) {
  auto at = list.find(separator);
  std::string_view item = list.substr(0, at);
  list = at == std::string_view::npos ? std::string_view() : list.substr(at + 1);
  return item;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace tailor::edge
