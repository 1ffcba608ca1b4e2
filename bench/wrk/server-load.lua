-- wrk script for bench/server-load.sh, in one of two modes:
--   wrk ... -s server-load.lua URL -- get PATH SERVICES
--     GETs PATH, where `{name}` becomes a seeded service (svc-0000 ...), `{owner}` one of their 97 owners (team-00 ...)
--     and `{page}` a page of 50 services, another one on each request, so that no single service's rows stay warm.
--   wrk ... -s server-load.lua URL/api/v1/assessments -- push FILE KEY SERVICES
--     POSTs the assessment in FILE with the write KEY to the seeded services in turn, each request with a commit
--     of its own, so that every push stores a new assessment rather than finding it already stored.
-- Prints one RESULT line (latencies in ms) that the script reads.
local mode, path, services, key, before, after = "get", "/", 1, "", "", ""
local counter, id = 0, 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  services = tonumber(args[#args])
  if mode == "get" then
    path = args[2]
    return
  end
  local file = assert(io.open(args[2], "rb"))
  local body = file:read("*a")
  file:close()
  local _, commit_start = body:find('"commit": "', 1, true)
  assert(commit_start, "the assessment has no commit")
  before, after = body:sub(1, commit_start), body:sub(commit_start + 41)
  key = args[3]
end

local function pick(step, count)
  return (id * 7919 + counter * step) % count
end

local function service(step)
  return string.format("svc-%04d", pick(step, services))
end

function request()
  counter = counter + 1
  if mode == "get" then
    local target = path:gsub("{name}", service(104729))
      :gsub("{owner}", string.format("team-%02d", pick(31, math.min(97, services))))
      :gsub("{page}", tostring(1 + pick(13, math.ceil(services / 50))))
    return wrk.format("GET", target)
  end
  local commit = string.format("%08x%08x", id, counter) .. string.rep("0", 24)
  local headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
  return wrk.format("POST", wrk.path .. "?service=" .. service(1), headers, before .. commit .. after)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f failed=%d bytes=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status + errors.connect + errors.read + errors.write + errors.timeout,
    summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0))
end
