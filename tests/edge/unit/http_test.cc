// edge/http.h: query_param, is_json_content_type, serialize_head, problem(), reason phrases,
// header lookup and the list helpers. Expected values written by hand from RFC 9110 (reason
// phrases, field syntax), RFC 9457 (problem documents) and the form-urlencoded rules.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "core/json/parse.h"
#include "edge/http.h"

using namespace tailor::edge;

namespace {

std::string param(std::string_view query, std::string_view name) {
  std::string value = "unset";
  if (!query_param(query, name, value)) return "<absent>";
  return value;
}

}  // namespace

TEST_CASE("query_param form-decodes names and values", "[edge][http]") {
  CHECK(param("a=1&b=2", "b") == "2");
  CHECK(param("a=1&b=2", "a") == "1");
  CHECK(param("q=a+b%20c", "q") == "a b c");
  CHECK(param("q=%2B", "q") == "+");
  CHECK(param("%62=3", "b") == "3");  // the name is decoded too
  CHECK(param("my+key=v", "my key") == "v");
  CHECK(param("a=1&a=2", "a") == "1");     // the first wins
  CHECK(param("flag&x=1", "flag") == "");  // no '=': present, empty
  CHECK(param("a=", "a") == "");
  CHECK(param("&&a=1", "a") == "1");
  CHECK(param("a=%zz%4", "a") == "%zz%4");  // malformed escapes kept as written
  CHECK(param("a=1=2", "a") == "1=2");
  CHECK(param("a=1", "b") == "<absent>");
  CHECK(param("", "a") == "<absent>");
  CHECK(param("ab=1", "a") == "<absent>");
}

TEST_CASE("is_json_content_type takes application/json and application/*+json", "[edge][http]") {
  CHECK(is_json_content_type("application/json"));
  CHECK(is_json_content_type("application/json; charset=utf-8"));
  CHECK(is_json_content_type("Application/JSON;charset=UTF-8"));
  CHECK(is_json_content_type("  application/json  "));
  CHECK(is_json_content_type("application/json\t; charset=utf-8"));  // OWS includes tabs
  CHECK(is_json_content_type("application/problem+json"));
  CHECK(is_json_content_type("application/vnd.api+json; ext=x"));
  CHECK_FALSE(is_json_content_type(""));
  CHECK_FALSE(is_json_content_type("text/json"));
  CHECK_FALSE(is_json_content_type("text/plain"));
  CHECK_FALSE(is_json_content_type("application/jsonx"));
  CHECK_FALSE(is_json_content_type("application/x-www-form-urlencoded"));
  CHECK_FALSE(is_json_content_type("text/plain; note=application/json"));
}

TEST_CASE("serialize_head writes the status line and fields in order", "[edge][http]") {
  Response r;
  r.content_type = "application/json";
  r.add_header("ETag", "\"v1-abc\"");
  r.add_header("Cache-Control", "no-store");
  r.body = std::make_shared<const std::string>("{\"a\":1}");
  r.request_id = "req-1";
  CHECK(serialize_head(r, true) ==
        "HTTP/1.1 200 OK\r\n"
        "Server: tailor-edge\r\n"
        "Content-Type: application/json\r\n"
        "ETag: \"v1-abc\"\r\n"
        "Cache-Control: no-store\r\n"
        "X-Request-Id: req-1\r\n"
        "Content-Length: 7\r\n"
        "\r\n");
  CHECK(serialize_head(r, false) ==
        "HTTP/1.1 200 OK\r\n"
        "Server: tailor-edge\r\n"
        "Content-Type: application/json\r\n"
        "ETag: \"v1-abc\"\r\n"
        "Cache-Control: no-store\r\n"
        "X-Request-Id: req-1\r\n"
        "Content-Length: 7\r\n"
        "Connection: close\r\n"
        "\r\n");
}

TEST_CASE("serialize_head omits Content-Length for 1xx, 204 and 304 only", "[edge][http]") {
  Response r;
  r.status = 304;
  r.add_header("ETag", "\"x\"");
  CHECK(serialize_head(r, true) ==
        "HTTP/1.1 304 Not Modified\r\nServer: tailor-edge\r\nETag: \"x\"\r\n\r\n");
  r = Response();
  r.status = 204;
  CHECK(serialize_head(r, false) ==
        "HTTP/1.1 204 No Content\r\nServer: tailor-edge\r\nConnection: close\r\n\r\n");
  r = Response();
  r.status = 101;
  CHECK(serialize_head(r, true) == "HTTP/1.1 101 Unknown\r\nServer: tailor-edge\r\n\r\n");
  r = Response();
  r.status = 404;  // no body: still a length, 0
  CHECK(serialize_head(r, true) ==
        "HTTP/1.1 404 Not Found\r\nServer: tailor-edge\r\nContent-Length: 0\r\n\r\n");
}

TEST_CASE("reason phrases are RFC 9110's", "[edge][http]") {
  CHECK(reason_phrase(200) == "OK");
  CHECK(reason_phrase(202) == "Accepted");
  CHECK(reason_phrase(405) == "Method Not Allowed");
  CHECK(reason_phrase(413) == "Content Too Large");
  CHECK(reason_phrase(415) == "Unsupported Media Type");
  CHECK(reason_phrase(422) == "Unprocessable Content");
  CHECK(reason_phrase(431) == "Request Header Fields Too Large");
  CHECK(reason_phrase(503) == "Service Unavailable");
  CHECK(reason_phrase(418) == "Unknown");
  CHECK(reason_phrase(0) == "Unknown");
}

TEST_CASE("problem() writes an RFC 9457 document", "[edge][http]") {
  Response r = problem(404, "unknown-sdk-key", "no config for \"a\\b\"", "\"sdkKey\":\"a\\\\b\"");
  CHECK(r.status == 404);
  CHECK(r.content_type == "application/problem+json");
  auto doc = tailor::json::parse(r.body_view());
  REQUIRE(doc.ok());
  REQUIRE(doc->is_object());
  CHECK(doc->as_object().size() == 5);
  CHECK(doc->find("type")->as_string() == "https://tailor.dev/problems/unknown-sdk-key");
  CHECK(doc->find("title")->as_string() == "Not Found");
  CHECK(doc->find("status")->as_number() == 404);
  CHECK(doc->find("detail")->as_string() == "no config for \"a\\b\"");
  CHECK(doc->find("sdkKey")->as_string() == "a\\b");

  Response plain = problem(503, "draining", "shutting down");
  CHECK(plain.body_view() ==
        "{\"type\":\"https://tailor.dev/problems/draining\",\"title\":\"Service Unavailable\","
        "\"status\":503,\"detail\":\"shutting down\"}");
}

TEST_CASE("json_response and Request::header", "[edge][http]") {
  Response r = json_response(201, "[]");
  CHECK(r.status == 201);
  CHECK(r.content_type == "application/json");
  CHECK(r.body_view() == "[]");
  CHECK(Response().body_view().empty());

  Request req;
  req.headers = {{"Content-Type", "text/plain"}, {"X-A", "1"}, {"x-a", "2"}};
  CHECK(req.header("content-type") == "text/plain");
  CHECK(req.header("x-a") == "1");  // the first of a repeated field
  CHECK(req.header("accept").empty());
  CHECK(req.header("content-typ").empty());
}

TEST_CASE("take_list_item and trim_ows split header and query lists", "[edge][http]") {
  std::string_view list = "gzip, br;q=0,,x";
  CHECK(take_list_item(list, ',') == "gzip");
  CHECK(list == " br;q=0,,x");
  CHECK(take_list_item(list, ',') == " br;q=0");
  CHECK(take_list_item(list, ',') == "");
  CHECK(take_list_item(list, ',') == "x");
  CHECK(list.empty());
  list = "a&";
  CHECK(take_list_item(list, '&') == "a");
  CHECK(list.empty());
  CHECK(trim_ows(" \t a b \t ") == "a b");
  CHECK(trim_ows("\t") == "");
  CHECK(trim_ows("x") == "x");
  CHECK(trim_ows("\nx\n") == "\nx\n");  // only spaces and tabs are OWS
}
