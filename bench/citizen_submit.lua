-- citizen_submit.lua - wrk script for bench/citizen.sh: every request sends a new petition
-- through the public form (POST /kien-nghi/gui, no account), each with its own text and
-- telephone so that no duplicate check refuses it, with the anonymous visitor's CSRF cookie
-- and token. Counts the answers: a 303 (to the tracking page) is a petition committed.
-- The server trusts 127.0.0.1 as its reverse proxy (DANVAN_TRUSTED_PROXIES), and each
-- request names its own citizen's address in X-Forwarded-For (10.t.h.l), so the limits per
-- address stay at their defaults, as behind the deployment's nginx.
-- Env: CITIZEN_COOKIE, CITIZEN_CSRF, CITIZEN_ORIGIN, CITIZEN_CATEGORY, CITIZEN_COMMUNE.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

ok, bad, other_s = 0, 0, ""
local other = {}
local n = 0
local prefix

local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  prefix = "_csrf=" .. enc(os.getenv("CITIZEN_CSRF")) .. "&category_id=" .. os.getenv("CITIZEN_CATEGORY") ..
    "&commune_id=" .. os.getenv("CITIZEN_COMMUNE") .. "&name=" .. enc("Nguyễn Văn Đo Tải")
  wrk.headers["Cookie"] = os.getenv("CITIZEN_COOKIE")
  wrk.headers["Origin"] = os.getenv("CITIZEN_ORIGIN")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  n = n + 1
  local id = string.format("%d-%d", tonumber(tid) or 0, n)
  local body = prefix .. "&phone=" .. string.format("09%02d%07d", tonumber(tid) or 0, n) ..
    "&content=" .. enc("Phản ánh đèn chiếu sáng hẻm " .. id .. " hư hỏng nhiều ngày, đề nghị sửa chữa sớm.")
  local t = tonumber(tid) or 0
  local xff = string.format("10.%d.%d.%d", t % 256, math.floor(n / 256) % 256, n % 256)
  wrk.headers["X-Forwarded-For"] = xff -- wrk.format's own headers would replace these
  return wrk.format("POST", "/kien-nghi/gui", nil, body)
end

function response(status, headers, body)
  if status == 303 then ok = ok + 1
  else
    bad = bad + 1
    other[status] = (other[status] or 0) + 1
    local s = ""
    for k, v in pairs(other) do s = s .. k .. ":" .. v .. " " end
    other_s = s
  end
end

function done(summary, latency, requests)
  local o, b = 0, 0
  for _, t in ipairs(threads) do
    o = o + (t:get("ok") or 0)
    b = b + (t:get("bad") or 0)
    local s = t:get("other_s")
    if s and s ~= "" then io.stderr:write("other answers: " .. s .. "\n") end
  end
  io.write(string.format("petitions: %d committed (303), %d other\n", o, b))
end
