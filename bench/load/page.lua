-- wrk 4.1 script, scenario (a) of bench/load/run_load.sh: survey page views. Every request is
-- GET /s/p/collaboration (the roster page, step 1) with the next respondent's session cookie,
-- each wrk thread rotating over all sessions from its own offset.
-- Usage: wrk ... -s bench/load/page.lua URL -- SESSIONS_FILE [THINK_MS ASSET_PATH CONNECTIONS_PER_THREAD]
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")
local index = 0

function init(args)
  common.init(args)
  index = (tid or 0) * 7919
end

function request()
  local w = common.warmup()
  if w then return w end
  index = index + 1
  local s = common.sessions[index % #common.sessions + 1]
  return wrk.format("GET", "/s/p/collaboration", {["Cookie"] = s.cookie})
end
