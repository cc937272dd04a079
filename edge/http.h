// Plain HTTP request/response values shared by the router, the handlers and the Beast session.
//
// Why not Beast's types: only the session (http_session.h, compiled in listener.cc) includes
// Boost.Beast, so the handlers stay quick to compile and testable without sockets. The session
// copies a parsed request into a Request and writes a Response back as a Beast message.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tailor::edge {

struct Request {
  std::string method;  // upper case as sent ("GET", "POST", ...)
  std::string target;  // path and query as sent
  std::string path;    // target before '?'
  std::string query;   // target after '?', without it ("" when absent)
  // Names and values as sent, viewing the session's parsed message: valid while App::handle
  // runs; a handler that answers later copies what it needs.
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string body;
  // The client's IP address; filled by the session only when the access log is on.
  std::string remote;

  // The first header with this name (given in lower case; matched case-insensitively), or ""
  // when absent.
  std::string_view header(std::string_view lower_name) const;
};

// The sending side of a Server-Sent Events stream, implemented by the session. push() may be
// called from any thread; it queues already-framed SSE text and returns false once the
// connection is gone (the caller then drops the sink). The text is shared, not copied: a
// fan-out frames an event once and pushes the same buffer to every subscriber, and each
// session's queued write keeps it alive until that write completes.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  virtual bool push(std::shared_ptr<const std::string> framed) = 0;
  // Ends the stream after what was pushed: the last chunk, then the connection closes.
  virtual void end() = 0;
};

struct Response {
  int status = 200;
  std::string content_type;  // "" for no Content-Type (204, 304)
  std::vector<std::pair<std::string, std::string>> headers;
  // Shared so pre-serialised bytes (configs, static files) are sent without a copy.
  std::shared_ptr<const std::string> body;
  // A sealed file holding exactly `body`'s bytes, kept open by `body`'s owner (file_bytes.h);
  // plain-HTTP sessions send it with sendfile(2). -1: none.
  int body_fd = -1;
  // Sent as X-Request-Id after `headers` (set by App::handle, request_id.h). A field of its
  // own so adding it never regrows `headers`.
  std::string request_id;
  // When set, the connection is closed after this response.
  bool close = false;
  // When set, the response is a stream: the session sends the head with chunked encoding and
  // `body` as the first chunk, then calls on_stream with a sink for later chunks. The stream
  // ends when the client disconnects or the server stops.
  std::function<void(std::shared_ptr<StreamSink>)> on_stream;

  void add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string_view body_view() const { return body ? std::string_view(*body) : std::string_view(); }
};

// Completion of a request: may be called from any thread, exactly once.
using Done = std::function<void(Response)>;

// A response with a JSON body (application/json).
Response json_response(int status, std::string body);

// An RFC 9457 problem document (application/problem+json):
// {"type": "https://tailor.dev/problems/<slug>", "title": <reason phrase>, "status", "detail"}
// plus `extra` members (a JSON object's members without braces, e.g. "\"field\":\"x\"") when
// not empty. `detail` names what is wrong and what would be valid.
Response problem(int status, std::string_view slug, std::string_view detail,
                 std::string_view extra = {});

// THE mapping of core status codes (core/status.h) to HTTP statuses: kMalformed 400,
// kInvalidArgument 422, kNotFound 404, kConflict 409, kResourceExhausted 413, kUnavailable 503
// (with Retry-After from problem(const Status&)), kInternal 500; kOk 200.
int http_status(StatusCode code);

// The problem document for a failed status: problem(http_status(s.code()), slug, s.message(),
// extra), plus "Retry-After: 1" when the code is kUnavailable.
Response problem(const Status& status, std::string_view slug, std::string_view extra = {});

// The status line and header fields of `r` as HTTP/1.1 sends them, ending with the blank line:
// Server, Content-Type (when set), r.headers in order, X-Request-Id (when r.request_id is set),
// Content-Length (the body's size, also
// for a HEAD request's answer; omitted for 1xx, 204 and 304) and "Connection: close" unless
// `keep_alive`.
std::string serialize_head(const Response& r, bool keep_alive);

// The standard reason phrase of an HTTP status code ("Not Found"); "Unknown" otherwise.
std::string_view reason_phrase(int status);

// True when the media type of a Content-Type value is application/json or any
// application/*+json, ignoring parameters and case.
bool is_json_content_type(std::string_view content_type);

// The value of the first query-string parameter named `name` (names and values form-decoded:
// '+' is a space, a malformed escape is kept as written) into `value`; false when there is none.
// A name without '=' has the value "".
bool query_param(std::string_view query, std::string_view name, std::string& value);

// Takes the first item off a list separated by `separator` (a header's "gzip, br", a query's
// "a=1&b=2"): returns the text before the first separator, or all of `list` when there is
// none, and leaves in `list` what follows that separator ("" after the last item).
std::string_view take_list_item(std::string_view& list, char separator);

// `s` without optional white space (spaces and horizontal tabs, RFC 9110 section 5.6.3) at
// either end.
std::string_view trim_ows(std::string_view s);

}  // namespace tailor::edge
