-- pgdeck's own script doing what BullMQ 5.81.5's pause-7.lua does
-- (dist/esm/commands/pause-7.lua, inlined in dist/esm/scripts/pause-7.js),
-- as Queue.pause and Queue.resume run it:
--   1. the list of waiting jobs, if any, is renamed: wait to paused on pause, back on resume;
--   2. pause sets meta's paused to 1 and deletes the marker, so no worker is woken;
--   3. resume deletes meta's paused and gives the marker "0" if jobs wait or are prioritized,
--      else, if a job is delayed, "1" scored with the earliest delayed job's time (its score
--      divided by 0x1000, as BullMQ scores delayed jobs);
--   4. the events stream gets "paused" or "resumed".
-- KEYS: 1 the list jobs leave (wait, or paused), 2 the one they go to, 3 meta, 4 prioritized,
--       5 events, 6 delayed, 7 marker
-- ARGV: 1 paused or resumed
local from, to, meta, prioritized, events, delayed, marker = unpack(KEYS)
local pausing = ARGV[1] == "paused"

local hasJobs = redis.call("EXISTS", from) == 1
if hasJobs then redis.call("RENAME", from, to) end

if pausing then
  redis.call("HSET", meta, "paused", 1)
  redis.call("DEL", marker)
else
  redis.call("HDEL", meta, "paused")
  if hasJobs or redis.call("ZCARD", prioritized) > 0 then
    redis.call("ZADD", marker, 0, "0")
  else
    local first = redis.call("ZRANGE", delayed, 0, 0, "WITHSCORES")
    if first[2] then redis.call("ZADD", marker, tonumber(first[2]) / 0x1000, "1") end
  end
end
redis.call("XADD", events, "*", "event", ARGV[1])
