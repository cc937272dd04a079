#!/usr/bin/env python3
"""A local OpenAI-compatible chat-completions server for the tests of
`tailor campaign run --llm-url` (tests/campaign/test_campaign_llm.py).

It speaks the wire protocol for real (POST /v1/chat/completions over a loopback socket, bearer
key, the OpenAI response body) and writes grounded copy from what the request supplies: it
reads the user message the way a model would (core/generate/chat.h: "[id] title" lines, their
"Approved claims:" and "Offer:" lines, "Strategy:", "Channel:", "Sign-off line:"), picks
approved claims that fit the strategy and writes a draft for the channel that cites them.

Modes (--mode), with an attempt counter per distinct request body:
  good       every answer is a valid draft
  flaky      1st attempt 429 (Retry-After: 0), 2nd 503, then a valid draft
  slow       1st attempt sleeps --slow-seconds (longer than the client's timeout), then good
  malformed  1st answer is broken, by the body's hash one of: a body that is not JSON, content
             that is prose, content that is a JSON array, a draft with an uncited number;
             then a valid draft
  refuse     always a refusal: message.refusal set, or content "I'm sorry, ..." (alternating)
  down       always 503
A request without "Authorization: Bearer <--key>" gets 401 with an OpenAI-style error body.
Every answer is held --delay-ms so that concurrent requests overlap. Drafts come in the three
framings of HTTP/1.1 (Content-Length, chunked, ended by closing), a third of them fenced in
```json, chosen by the body's hash.

GET /stats answers the counts as JSON: requests, bodies (distinct request bodies),
max_attempts (of one body), max_in_flight, hosts (Host headers), served (per kind of answer
and "framing-*"), supplied ({"segment/strategy/channel": [passage ids]}) and drafts (the same
keys: the drafts written).

Usage: fake_llm.py --mode good --key sk-test [--port 0] [--delay-ms 50] [--slow-seconds 3]
                   [--tls-cert cert.pem --tls-key key.pem]
Prints "fake-llm listening on http://127.0.0.1:PORT/v1" once it accepts connections (https://
and the host "localhost" with --tls-cert: a certificate names a host, not an address). Over TLS
it closes connections without a close_notify, as Python's servers do.
"""
import argparse
import hashlib
import json
import re
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("good", "flaky", "slow", "malformed", "refuse", "down")
MALFORMED_KINDS = ("body-not-json", "content-prose", "content-array", "uncited-number")

# Words by which the strategy picks its claims (a model would judge this; the fake matches
# words).
SOCIAL_WORDS = {"rated", "review", "reviews", "customer", "customers", "stars", "loved",
                "favourite", "favorite", "popular", "bestseller", "best", "selling", "people",
                "shoppers", "running"}
LOYAL_WORDS = {"member", "members", "membership", "points", "loyalty", "rewards", "club",
               "exclusive", "early"}

# Per strategy: subject (brand filled in), opening line, web closing line. No digits, no claim
# words: nothing here states a fact.
FRAMES = {
    "benefit": ("Chosen for you by {brand}", "We think these will make your season easier.",
                "Have a look."),
    "social_proof": ("What shoppers tell {brand}", "Here is what other shoppers keep telling us.",
                     "See why."),
    "loyalty": ("Thank you from {brand}", "Thank you for being part of {brand}.",
                "Thank you."),
    "urgency": ("An offer from {brand}", "Here is an offer worth knowing about before it ends.",
                ""),
}


class Passage:
    def __init__(self, pid, title):
        self.id = pid
        self.title = title
        self.claims = []
        self.offer = None  # (description, code, deadline)


def parse_user_message(text):
    """The fields of core/generate/chat.h's user message."""
    fields = {}
    passages = []
    in_passages = False
    in_claims = False
    for line in text.split("\n"):
        if not in_passages:
            if line == "Approved passages:":
                in_passages = True
                continue
            m = re.match(r"^(Segment|Strategy|Channel|Sign-off line|Campaign): (.*)$", line)
            if m:
                fields[m.group(1)] = m.group(2)
            continue
        m = re.match(r"^\[([A-Za-z0-9_.:-]+)\] (.*)$", line)
        if m:
            passages.append(Passage(m.group(1), m.group(2)))
            in_claims = False
        elif not passages:
            continue
        elif line == "Approved claims:":
            in_claims = True
        elif in_claims and line.startswith("- "):
            passages[-1].claims.append(line[2:])
        elif line.startswith("Offer: "):
            in_claims = False
            m = re.match(r"^Offer: (.*?)(?:; code (\S+))?; until (\d{4}-\d{2}-\d{2})$", line)
            if m:
                passages[-1].offer = (m.group(1), m.group(2) or "", m.group(3))
        else:
            in_claims = False
    fields["strategy"] = fields.get("Strategy", "").split(" ")[0]
    return fields, passages


def cited(sentence, pid):
    """'Free returns within 60 days.' -> 'Free returns within 60 days [c1].'"""
    body = sentence.rstrip(" .!?")
    tail = sentence[len(body):].strip() or "."
    return "%s [%s]%s" % (body, pid, tail)


def visible_length(text):
    """Bytes a customer sees: citations removed, as core/generate/validate.h measures."""
    return len(re.sub(r" ?\[[^\]]*\]", "", text).encode("utf-8"))


def ranked_claims(strategy, passages):
    def fits(claim):
        words = set(re.findall(r"[a-z]+", claim.lower()))
        if strategy == "social_proof":
            return bool(words & SOCIAL_WORDS)
        if strategy == "loyalty":
            return bool(words & LOYAL_WORDS)
        return not words & (SOCIAL_WORDS | LOYAL_WORDS)
    claims = [(claim, p.id) for p in passages for claim in p.claims]
    return [c for c in claims if fits(c[0])] + [c for c in claims if not fits(c[0])]


def offer_lines(passages):
    for p in passages:
        if p.offer:
            description, code, deadline = p.offer
            lines = [cited("%s until %s." % (description.rstrip(" .!"), deadline), p.id)]
            if code:
                lines.append(cited("Use code %s at checkout." % code, p.id))
            return lines
    return []


def write_draft(fields, passages, brand):
    """A grounded draft {"subject", "body"} for the request, or None without claims."""
    strategy = fields["strategy"] if fields["strategy"] in FRAMES else "benefit"
    subject, opener, closing = (s.format(brand=brand) for s in FRAMES[strategy])
    facts = offer_lines(passages) if strategy == "urgency" else []
    facts += [cited(c, pid) for c, pid in ranked_claims(strategy, passages)]
    if not facts:
        return None
    channel = fields.get("Channel", "email")
    if channel == "email":
        body = "\n".join(["Hi {{first_name}},", "", opener, ""] + facts[:2] +
                         ["", "Warm wishes,", fields.get("Sign-off line", brand), "",
                          "You can unsubscribe from these emails at any time."])
        return {"subject": subject, "body": body}
    if channel == "sms":
        stop = " Reply STOP to opt out."
        candidates = [brand + ": " + f + stop for f in facts] + [f + stop for f in facts]
        limit = 160
    else:
        candidates = [f + " " + closing if closing else f for f in facts] + facts
        limit = 140
    fitting = [c for c in candidates if visible_length(c) <= limit]
    return {"subject": "", "body": (fitting or sorted(candidates, key=len))[0]}


class State:
    def __init__(self, mode, key, delay, slow_seconds):
        self.mode = mode
        self.key = key
        self.delay = delay
        self.slow_seconds = slow_seconds
        self.lock = threading.Lock()
        self.attempts = {}  # sha256 of the body -> attempts so far
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.served = {}
        self.hosts = set()  # Host headers seen
        self.supplied = {}
        self.drafts = {}

    def count(self, kind):
        with self.lock:
            self.served[kind] = self.served.get(kind, 0) + 1

    def stats(self):
        with self.lock:
            return {"mode": self.mode, "requests": self.requests, "bodies": len(self.attempts),
                    "max_attempts": max(self.attempts.values(), default=0),
                    "max_in_flight": self.max_in_flight, "served": dict(self.served),
                    "hosts": sorted(self.hosts),
                    "supplied": dict(self.supplied), "drafts": dict(self.drafts)}


def completion(model, content, refusal=None, finish="stop"):
    return {
        "id": "chatcmpl-fake-%d" % int(time.time() * 1e6),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0,
                     "message": {"role": "assistant", "content": content, "refusal": refusal},
                     "logprobs": None, "finish_reason": finish}],
        "usage": {"prompt_tokens": 0, "completion_tokens": len((content or "").split()),
                  "total_tokens": len((content or "").split())},
    }


def error_body(message, kind, code):
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set by main

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=(), framing="length"):
        """framing: "length" (Content-Length), "chunked" (Transfer-Encoding: chunked, in
        pieces, as uvicorn or llama.cpp's server may answer) or "close" (no length: the body
        ends when the connection closes)."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        # The request stops counting as in flight before its answer goes out: a client may
        # send its next request the moment it has read this one, before this thread returns.
        self.leave()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if framing == "length":
                self.send_header("Content-Length", str(len(data)))
            elif framing == "chunked":
                self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            if framing == "chunked":
                for at in range(0, len(data), 100):
                    piece = data[at:at + 100]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout): what a slow server meets
        self.close_connection = True

    def do_GET(self):
        if self.path == "/stats":
            self.send(200, self.state.stats())
        else:
            self.send(404, error_body("no such path " + self.path, "invalid_request_error",
                                      "not_found"))

    def leave(self):
        if getattr(self, "in_flight", False):
            self.in_flight = False
            with self.state.lock:
                self.state.in_flight -= 1

    def do_POST(self):
        st = self.state
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with st.lock:
            st.hosts.add(self.headers.get("Host", ""))
            st.requests += 1
            st.in_flight += 1
            st.max_in_flight = max(st.max_in_flight, st.in_flight)
            self.in_flight = True
            digest = hashlib.sha256(raw).hexdigest()
            st.attempts[digest] = st.attempts.get(digest, 0) + 1
            attempt = st.attempts[digest]
        try:
            time.sleep(st.delay)
            self.answer(raw, digest, attempt)
        finally:
            self.leave()

    def answer(self, raw, digest, attempt):
        st = self.state
        if self.path != "/v1/chat/completions":
            st.count("404")
            return self.send(404, error_body("no such path " + self.path,
                                             "invalid_request_error", "not_found"))
        if self.headers.get("Authorization") != "Bearer " + st.key:
            st.count("401")
            given = self.headers.get("Authorization", "")[len("Bearer "):]
            return self.send(401, error_body(
                "Incorrect API key provided: %s***. You can find your API key in your account "
                "settings." % given[:4], "invalid_request_error", "invalid_api_key"))
        try:
            request = json.loads(raw)
            model = request["model"]
            messages = request["messages"]
            system = next(m["content"] for m in messages if m["role"] == "system")
            user = next(m["content"] for m in messages if m["role"] == "user")
            assert request.get("response_format") == {"type": "json_object"}
        except (ValueError, KeyError, StopIteration, TypeError, AssertionError) as e:
            st.count("400")
            return self.send(400, error_body("bad request: %r" % e, "invalid_request_error",
                                             None))
        brand_match = re.match(r"You write marketing copy for (.*?)\. Rules:", system)
        brand = brand_match.group(1) if brand_match else "Us"
        fields, passages = parse_user_message(user)
        key = "%s/%s/%s" % (fields.get("Segment"), fields["strategy"], fields.get("Channel"))
        with st.lock:
            st.supplied[key] = [p.id for p in passages]

        if st.mode == "down":
            st.count("503")
            return self.send(503, error_body("The engine is currently overloaded",
                                             "server_error", None))
        if st.mode == "flaky" and attempt <= 2:
            st.count(str(429 if attempt == 1 else 503))
            if attempt == 1:
                return self.send(429, error_body("Rate limit reached, retry after 0s",
                                                 "requests", "rate_limit_exceeded"),
                                 [("Retry-After", "0")])
            return self.send(503, error_body("The server is overloaded", "server_error", None))
        if st.mode == "slow" and attempt == 1:
            st.count("slept")
            time.sleep(st.slow_seconds)
            draft = write_draft(fields, passages, brand)
            return self.send(200, completion(model, json.dumps(draft)))  # usually too late
        if st.mode == "refuse":
            st.count("refusal")
            if attempt % 2 == 1:
                return self.send(200, completion(model, None, refusal="I can't help with "
                                                 "marketing copy for this request."))
            return self.send(200, completion(model, "I'm sorry, but I can't write that."))
        draft = write_draft(fields, passages, brand)
        if draft is None:
            st.count("no-claims")
            return self.send(200, completion(model, "I'm sorry, there is nothing approved to "
                                             "say."))
        if st.mode == "malformed" and attempt == 1:
            kind = MALFORMED_KINDS[int(digest, 16) % len(MALFORMED_KINDS)]
            st.count(kind)
            if kind == "body-not-json":
                text = json.dumps(completion(model, json.dumps(draft)))
                return self.send(200, text[:len(text) // 2].encode("utf-8"))
            if kind == "content-prose":
                return self.send(200, completion(model, "Here is your copy: " + draft["body"]))
            if kind == "content-array":
                return self.send(200, completion(model, json.dumps([draft])))
            broken = dict(draft)
            broken["body"] = "Over 90% of shoppers came back for more. " + draft["body"]
            return self.send(200, completion(model, json.dumps(broken)))
        st.count("draft")
        with st.lock:
            st.drafts[key] = draft
        # Models often fence their JSON; the protocol accepts both. Servers frame their
        # answers in all three ways.
        content = json.dumps(draft)
        if int(digest, 16) % 3 == 0:
            content = "```json\n" + content + "\n```"
        framing = ("length", "chunked", "close")[int(digest, 16) // 3 % 3]
        st.count("framing-" + framing)
        self.send(200, completion(model, content), framing=framing)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the client's 16 or 32 connections at once wait in no SYN retry


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, default="good")
    parser.add_argument("--key", required=True, help="the bearer key a request must carry")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()
    Handler.state = State(args.mode, args.key, args.delay_ms / 1000.0, args.slow_seconds)
    server = Server(("127.0.0.1", args.port), Handler)
    base = "http://127.0.0.1"
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        base = "https://localhost"
    print("fake-llm listening on %s:%d/v1" % (base, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
