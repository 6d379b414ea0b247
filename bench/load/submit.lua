-- wrk 4.1 script, scenario (b) of bench/load/run_load.sh: answer submissions. Requests alternate
-- between POST /s/p/about (i.position, i.own_fields, i.own_role) and POST
-- /s/p/collaboration/rate (three named actors with frequency and quality), each with the
-- session's cookie and CSRF token; every accepted one is a durable database transaction
-- answered with 303. Each wrk thread rotates over all sessions from its own offset.
-- Usage: wrk ... -s bench/load/submit.lua URL -- SESSIONS_FILE [THINK_MS ASSET_PATH CONNECTIONS_PER_THREAD]
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local index, seq = 0, 0
local fields = {"energie", "mobilitaet", "klimaanpassung", "ernaehrung"}
local freq = {"weekly", "monthly", "quarterly", "yearly"}
local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}

function init(args)
  common.init(args)
  index = (tid or 0) * 7919
end

function request()
  local w = common.warmup()
  if w then return w end
  index = index + 1
  seq = seq + 1
  local s = common.sessions[index % #common.sessions + 1]
  headers["Cookie"] = s.cookie
  local body
  if seq % 2 == 0 then
    body = "csrf=" .. s.csrf .. "&i.position=load-" .. (tid or 0) .. "-" .. seq ..
           "&i.own_fields=" .. fields[seq % 4 + 1] .. "&i.own_role=planning&go=next"
    return wrk.format("POST", "/s/p/about", headers, body)
  end
  local parts = {"csrf=" .. s.csrf}
  for k, id in ipairs(s.ids) do
    parts[#parts + 1] = "a=" .. id .. "&t." .. id .. ".frequency=" .. freq[(seq + k) % 4 + 1] ..
                        "&t." .. id .. ".quality=" .. (seq + k) % 2 + 4
  end
  parts[#parts + 1] = "go=next"
  return wrk.format("POST", "/s/p/collaboration/rate", headers, table.concat(parts, "&"))
end
