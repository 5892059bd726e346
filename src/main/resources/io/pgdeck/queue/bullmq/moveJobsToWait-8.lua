-- pgdeck's own script doing what BullMQ 5.81.5's moveJobsToWait-8.lua does
-- (dist/esm/commands/moveJobsToWait-8.lua, inlined in dist/esm/scripts/moveJobsToWait-8.js),
-- as Queue.retryJobs (failed) and Queue.promoteJobs (delayed) run it, one batch per call:
--   1. up to ARGV[1] ids of the set with a score from 0 to ARGV[2], lowest first;
--   2. from failed ones finishedOn, processedOn and failedReason leave the job hash (from
--      completed ones returnvalue instead); delayed ones keep theirs; priorities are not kept;
--   3. each gets a "waiting" entry, prev: the set, in the events stream;
--   4. they leave the set and are pushed at the head of paused if meta says paused, else of
--      wait; the marker gets "0" unless paused or meta's concurrency is reached.
-- KEYS: 1 the queue's key prefix, 2 events, 3 the set, 4 wait, 5 paused, 6 meta, 7 active, 8 marker
-- ARGV: 1 how many at most, 2 highest score, 3 the set's name (failed, completed, delayed)
-- Reply: 1 when the batch was full (call again), 0 when the set had no more.
local base, events, from, wait, paused, meta, active, marker = unpack(KEYS)
local most, fromName = tonumber(ARGV[1]), ARGV[3]

local target, wake = targetList(meta, wait, paused, active)

local ids = redis.call("ZRANGEBYSCORE", from, 0, ARGV[2], "LIMIT", 0, most)
if #ids > 0 then
  local outcome = ({ failed = "failedReason", completed = "returnvalue" })[fromName]
  local maxLen = eventsMaxLen(meta)
  for _, id in ipairs(ids) do
    if outcome then redis.call("HDEL", base .. id, "finishedOn", "processedOn", outcome) end
    redis.call("XADD", events, "MAXLEN", "~", maxLen, "*", "event", "waiting", "jobId", id, "prev", fromName)
  end
  -- Lua's unpack and Redis's commands take a few thousand values at a time
  for first = 1, #ids, 5000 do
    local last = math.min(first + 4999, #ids)
    redis.call("ZREM", from, unpack(ids, first, last))
    redis.call("LPUSH", target, unpack(ids, first, last))
  end
  if wake then redis.call("ZADD", marker, 0, "0") end
end
if most - #ids <= 0 then return 1 end
return 0
