-- Shared part of the wrk 4.1 scripts of the survey load benchmark (bench/load/run_load.sh):
-- reads the sessions file written by prepare.py (one "COOKIE CSRF ID1,ID2,ID3" line per
-- respondent), gives every wrk thread its own starting offset, counts response statuses per
-- thread, optionally waits a think time between a connection's requests (script argument 2,
-- mean milliseconds, uniform from 0.5x to 1.5x; 0 = none, closed loop), and prints one
-- machine-readable KNRESULT line at the end. With a think time, the first request of every
-- connection fetches a static asset (argument 3, its path; argument 4: connections per wrk
-- thread), so the respondents' page requests start spread over the first think time instead
-- of all 500 at the same moment.
local M = {}

M.sessions = {}
local threads = {}
counts = {}  -- global: read by done() through thread:get("counts")

local think = 0

-- wrk calls delay() before every request of a connection after the first; the wait is not
-- part of the measured latency.
function delay()
  if think <= 0 then return 0 end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end

local warmup, first, sent = nil, 0, 0

function M.init(args)
  M.load(args[1])
  think = tonumber(args[2] or "0") or 0
  if think > 0 and args[3] and args[3] ~= "" then
    warmup = args[3]
    first = tonumber(args[4] or "0") or 0
  end
  math.randomseed(os.time() + (tid or 0) * 104729)
end

-- The warm-up request for the first request of each connection, or nil.
function M.warmup()
  sent = sent + 1
  if warmup and sent <= first then return wrk.format("GET", warmup) end
  return nil
end

function M.load(file)
  for line in io.lines(file) do
    local cookie, csrf, ids = line:match("^(%S+) (%S+) (%S+)$")
    if cookie then
      local list = {}
      for id in ids:gmatch("%d+") do list[#list + 1] = id end
      M.sessions[#M.sessions + 1] = {cookie = "__Host-kn_resp=" .. cookie, csrf = csrf, ids = list}
    end
  end
  assert(#M.sessions > 0, "no sessions in " .. file)
end

function setup(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local agg = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do
      agg[status] = (agg[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(agg) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  local e = summary.errors
  io.write(string.format(
    'KNRESULT {"requests": %d, "duration_s": %.3f, "rps": %.1f, "p50_ms": %.2f, ' ..
    '"p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "mean_ms": %.2f, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d, "non_2xx_3xx": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, table.concat(parts, ", ")))
end

return M
