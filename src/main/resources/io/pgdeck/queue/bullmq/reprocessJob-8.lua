-- pgdeck's own script doing what BullMQ 5.81.5's reprocessJob-8.lua does
-- (dist/esm/commands/reprocessJob-8.lua, inlined in dist/esm/scripts/reprocessJob-8.js),
-- as Job.retry('failed') runs it with attempts kept:
--   1. the job must exist (-1) and be in the set it is retried from (-3);
--   2. finishedOn, processedOn and the failed reason (or return value) leave the job hash;
--   3. it goes to paused if meta says paused, else to wait (wait counts as full while
--      meta's concurrency is reached), pushed at the head (LPUSH) or, if its opts say lifo,
--      at the tail (RPUSH), and the marker gets "0" unless paused or full;
--   4. a parent waiting for it counts it as a pending dependency again;
--   5. the events stream gets "waiting", prev: the set it came from.
-- KEYS: 1 job hash, 2 events, 3 the set (failed), 4 wait, 5 meta, 6 paused, 7 active, 8 marker
-- ARGV: 1 job id, 2 the hash field of the outcome (failedReason), 3 the set's name (failed)
-- Reply: 1 moved, -1 no such job, -3 not in that set.
local job, events, from, wait, meta, paused, active, marker = unpack(KEYS)
local id, outcome, fromName = ARGV[1], ARGV[2], ARGV[3]

if redis.call("EXISTS", job) == 0 then return -1 end
if redis.call("ZREM", from, id) == 0 then return -3 end

redis.call("HDEL", job, "finishedOn", "processedOn", outcome)

local target, wake = targetList(meta, wait, paused, active)
local ok, opts = pcall(cjson.decode, redis.call("HGET", job, "opts") or "{}")
local lifo = ok and type(opts) == "table" and opts.lifo == true
redis.call(lifo and "RPUSH" or "LPUSH", target, id)
if wake then redis.call("ZADD", marker, 0, "0") end

local parent = redis.call("HGET", job, "parentKey")
if parent and redis.call("EXISTS", parent) == 1 then
  local waited
  if fromName == "failed" then
    waited = redis.call("ZREM", parent .. ":unsuccessful", job) == 1 or redis.call("HDEL", parent .. ":failed", job) == 1
  else
    waited = redis.call("HDEL", parent .. ":processed", job) == 1
  end
  if waited then redis.call("SADD", parent .. ":dependencies", job) end
end

redis.call("XADD", events, "MAXLEN", "~", eventsMaxLen(meta), "*", "event", "waiting", "jobId", id, "prev", fromName)
return 1
