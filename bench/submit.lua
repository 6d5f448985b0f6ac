-- submit.lua - wrk script for bench/submit.sh: every request submits a whole 40-value report
-- (POST /reports/:regime/:period/:unit, action=submit, version=0) for a different unit and
-- period, as one logged-in staff session with its CSRF token. The (regime period unit) list
-- is exported before the run (SUBMIT_LIST, one "R P U" a line); thread i of n takes the
-- lines i, i+n, … so no two requests hit one row. Env: SUBMIT_LIST, SUBMIT_COOKIE,
-- SUBMIT_CSRF, SUBMIT_ORIGIN, SUBMIT_INDICATORS (40). Counts the answers by status: a 303
-- (redirect to the saved form) is a committed submission; anything else is reported.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local paths, n, i, body
local other = {}
ok, bad, other_s = 0, 0, "" -- globals: done() reads them from each thread with thread:get

local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local tid = tonumber(tid) or 0
  local nthreads = tonumber(os.getenv("SUBMIT_THREADS") or "1")
  paths, n, i = {}, 0, 0
  local ln = 0
  for line in io.lines(os.getenv("SUBMIT_LIST")) do
    if ln % nthreads == tid then
      local r, p, u = line:match("^(%d+)%s+(%d+)%s+(%d+)")
      if r then
        n = n + 1
        paths[n] = "/reports/" .. r .. "/" .. p .. "/" .. u
      end
    end
    ln = ln + 1
  end
  -- 40 values obeying the rules (each even indicator <= the odd one before it)
  local parts = { "_csrf=" .. enc(os.getenv("SUBMIT_CSRF")), "version=0", "action=submit" }
  local nind = tonumber(os.getenv("SUBMIT_INDICATORS") or "40")
  for k = 1, nind do
    local v = (k % 2 == 1) and (100 + k) or (50 + k)
    table.insert(parts, string.format("v_I%02d=%d", k, v))
  end
  body = table.concat(parts, "&")
  wrk.headers["Cookie"] = os.getenv("SUBMIT_COOKIE")
  wrk.headers["Origin"] = os.getenv("SUBMIT_ORIGIN")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  i = i + 1
  if i > n then i = 1 end -- the list is sized for the run; wrapping would resubmit (counted as bad)
  return wrk.format("POST", paths[i], nil, body)
end

function response(status, headers, resp_body)
  if status == 303 or status == 302 then
    ok = ok + 1
  else
    bad = bad + 1
    other[status] = (other[status] or 0) + 1
    local t = {}
    for k, v in pairs(other) do table.insert(t, k .. ":" .. v) end
    other_s = table.concat(t, ",")
  end
end

function done(summary, latency, requests)
  -- per-thread counters live in each thread's Lua state: fetch them
  local tok, tbad, codes = 0, 0, {}
  for _, t in ipairs(threads) do
    tok = tok + (t:get("ok") or 0)
    tbad = tbad + (t:get("bad") or 0)
    local o = t:get("other_s") or ""
    if o ~= "" then table.insert(codes, o) end
  end
  io.write(string.format("SUBMIT committed=%d other=%d %s\n", tok, tbad, table.concat(codes, " ")))
  io.write(string.format("SUBMIT p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("SUBMIT distribution_ms p75=%.2f p90=%.2f p95=%.2f p98=%.2f p99=%.2f p99.9=%.2f\n",
    latency:percentile(75) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(98) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000))
end
