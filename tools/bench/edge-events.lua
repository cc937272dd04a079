-- wrk script: POST /v1/events with batches of BATCH (default 100) exposure events whose ids
-- are unique per thread, request and event, so every event is new and is written.
local counter = 0
local thread_id = 0
local threads = {}
local batch = tonumber(os.getenv("BATCH") or "100")
local run = os.getenv("RUN") or tostring(os.time())

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local parts = {}
  for i = 1, batch do
    local id = run .. "-" .. thread_id .. "-" .. counter .. "-" .. i
    parts[i] = '{"id":"' .. id .. '","type":"exposure","ts":1700000000000,"user":"' .. id ..
               '","experiment":"bench","variant":"' .. (i % 2) .. '"}'
  end
  local body = '{"sdkKey":"bench","events":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json"}, body)
end
