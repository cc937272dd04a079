#!/usr/bin/env python3
"""A local model moderator for the tests of `tailor screen --moderation-url`
(tests/safety/test_moderation.py). It speaks both wire protocols for real over a loopback
socket:

  POST /v1/moderations        OpenAI-compatible moderation: {"model", "input"} in; out
                              {"id","model","results":[{"flagged","categories","category_scores"}]}
                              with OpenAI's category names (hate, hate/threatening,
                              harassment, ..., illicit/violent)
  POST /v1/chat/completions   a guard model (Llama Guard style): reads the category list
                              ("S<n>: <Name>. ...") and the "Agent: ..." message from the
                              prompt, answers {"choices":[{"message":{"content":"safe"}}]} or
                              "unsafe\\nS<n>,S<m>"

What it "sees" in a message is written into the message as markers, so each test states the
moderator's opinion next to its input (a model would judge; the fake reads markers):
  flagme:<tailor category>   flagged (OpenAI: its upstream category true, score 0.93)
  leanme:<tailor category>   OpenAI: score 0.62, not flagged (the review band); guard: ignored
  flagme:illicit             OpenAI: "illicit" flagged (no Tailor twin)
  hangme                     no answer for --hang-seconds (past the client's deadline)
  fail500                    HTTP 500 with an OpenAI-style error body
  garbleme                   HTTP 200 with a body that is not JSON
  badshape                   HTTP 200 JSON without results / choices
  badcode                    guard: "unsafe\\nS99"
A request without "Authorization: Bearer <--key>" (when --key is given) gets 401.

GET /stats answers {"requests", "paths": {path: count}, "guard_codes": {code: name}} (the
codes the last guard prompt listed).

Usage: fake_moderator.py [--key K] [--hang-seconds 3] ; prints
"fake-moderator listening on http://127.0.0.1:PORT/v1" once it accepts connections.
"""
import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Tailor category -> the OpenAI category the fake raises for it.
OPENAI_NAMES = {
    "hate": "hate", "harassment": "harassment/threatening", "self_harm": "self-harm/intent",
    "sexual": "sexual", "violence": "violence/graphic", "illicit": "illicit",
}
ALL_OPENAI = ["hate", "hate/threatening", "harassment", "harassment/threatening", "self-harm",
              "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors",
              "violence", "violence/graphic", "illicit", "illicit/violent"]
# The first word(s) of each category's description in the guard prompt -> Tailor category.
GUARD_NAMES = {
    "hate": "hate", "harassment": "harassment", "sexual content": "sexual",
    "violence": "violence", "self-harm": "self_harm", "profanity": "profanity",
    "prohibited health claims": "prohibited_health_claim",
    "financial guarantees": "financial_guarantee", "deceptive urgency": "deceptive_urgency",
    "discriminatory targeting": "discriminatory_targeting", "minor targeting": "minor_targeting",
    "competitor disparagement": "competitor_disparagement",
    "prompt artifacts": "prompt_injection_artifact",
}


class State:
    def __init__(self, key, hang):
        self.key = key
        self.hang = hang
        self.lock = threading.Lock()
        self.requests = 0
        self.paths = {}
        self.guard_codes = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def send(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its deadline)
        self.close_connection = True

    def do_GET(self):
        st = self.state
        if self.path == "/stats":
            with st.lock:
                return self.send(200, {"requests": st.requests, "paths": st.paths,
                                       "guard_codes": st.guard_codes})
        self.send(404, {"error": {"message": "no such path " + self.path}})

    def do_POST(self):
        st = self.state
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with st.lock:
            st.requests += 1
            st.paths[self.path] = st.paths.get(self.path, 0) + 1
        if st.key and self.headers.get("Authorization") != "Bearer " + st.key:
            return self.send(401, {"error": {"message": "Incorrect API key provided",
                                             "type": "invalid_request_error"}})
        try:
            req = json.loads(raw)
        except ValueError:
            return self.send(400, {"error": {"message": "request body is not JSON"}})
        if self.path == "/v1/moderations":
            text = req.get("input")
            if not isinstance(text, str) or not req.get("model"):
                return self.send(400, {"error": {"message": "input and model are required"}})
            return self.moderation(text, req["model"])
        if self.path == "/v1/chat/completions":
            return self.guard(req)
        self.send(404, {"error": {"message": "no such path " + self.path}})

    def common_failures(self, text):
        """True when a failure marker was answered."""
        if "hangme" in text:
            time.sleep(self.state.hang)
            self.send(200, {"results": []})
            return True
        if "fail500" in text:
            self.send(500, {"error": {"message": "The server had an error while processing "
                                                 "your request", "type": "server_error"}})
            return True
        if "garbleme" in text:
            self.send(200, b"<html>upstream proxy error</html>")
            return True
        if "badshape" in text:
            self.send(200, {"object": "list", "data": []})
            return True
        return False

    def moderation(self, text, model):
        if self.common_failures(text):
            return
        categories = {name: False for name in ALL_OPENAI}
        scores = {name: 0.001 for name in ALL_OPENAI}
        for tailor in re.findall(r"flagme:([a-z_]+)", text):
            if tailor in OPENAI_NAMES:
                categories[OPENAI_NAMES[tailor]] = True
                scores[OPENAI_NAMES[tailor]] = 0.93
        for tailor in re.findall(r"leanme:([a-z_]+)", text):
            if tailor in OPENAI_NAMES:
                scores[OPENAI_NAMES[tailor]] = 0.62
        self.send(200, {"id": "modr-1", "model": model,
                        "results": [{"flagged": any(categories.values()),
                                     "categories": categories, "category_scores": scores}]})

    def guard(self, req):
        messages = req.get("messages")
        if not isinstance(messages, list) or not messages:
            return self.send(400, {"error": {"message": "messages is required"}})
        prompt = messages[-1].get("content", "")
        codes = {}
        for code, name in re.findall(r"^(S\d+): ([^.\n]+)\.", prompt, re.M):
            codes[code] = GUARD_NAMES.get(name.lower(), "?" + name)
        with self.state.lock:
            self.state.guard_codes = codes
        m = re.search(r"<BEGIN CONVERSATION>\s*Agent: (.*?)\s*<END CONVERSATION>", prompt, re.S)
        if not m:
            return self.send(400, {"error": {"message": "no Agent message in the prompt"}})
        text = m.group(1)
        if self.common_failures(text):
            return
        if "badcode" in text:
            content = "unsafe\nS99"
        else:
            by_category = {v: k for k, v in codes.items()}
            flagged = [by_category[t] for t in re.findall(r"flagme:([a-z_]+)", text)
                       if t in by_category]
            content = "unsafe\n" + ",".join(flagged) if flagged else "safe"
        self.send(200, {"id": "chatcmpl-1", "object": "chat.completion",
                        "model": req.get("model", ""),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": content}}]})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--key", default="")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--hang-seconds", type=float, default=3.0)
    args = ap.parse_args()
    Handler.state = State(args.key, args.hang_seconds)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("fake-moderator listening on http://127.0.0.1:%d/v1" % server.server_address[1],
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
