-- pgdeck's own script doing what BullMQ 5.81.5's cleanJobsInSet-3.lua does
-- (dist/esm/commands/cleanJobsInSet-3.lua, inlined in dist/esm/scripts/cleanJobsInSet-3.js)
-- for the finished sets, as Queue.clean(grace, limit, 'completed' or 'failed') runs it:
--   1. up to ARGV[3] ids (0: all) of the set finished (scored) from 0 to ARGV[2], oldest first;
--   2. for each, a parent waiting for it no longer does; if it was the parent's last pending
--      child, the parent leaves waiting-children and is removed too when it is in the same
--      queue (Queue.clean removes hard), or goes to the tail of its own queue's wait (paused
--      if paused, marker "0" unless paused or full) when it is in another;
--   3. its deduplication key goes if it still points at it; its hash, logs and dependency keys
--      are deleted; the ids leave the set;
--   4. the events stream gets one "cleaned" entry with the count.
-- KEYS: 1 the set (completed or failed), 2 events, 3 the repeat set (unused for finished jobs)
-- ARGV: 1 the queue's key prefix (<prefix>:<queue>:), 2 finished at or before (ms),
--       3 how many at most (0: no limit), 4 the set's name
-- Reply: the ids removed.
local set, events = KEYS[1], KEYS[2]
local base, before, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
if ARGV[4] ~= "completed" and ARGV[4] ~= "failed" then
  return redis.error_reply("pgdeck's cleanJobsInSet cleans completed or failed jobs only, not " .. ARGV[4])
end

local function removeKeys(key)
  redis.call("DEL", key, key .. ":logs", key .. ":dependencies", key .. ":processed", key .. ":failed",
    key .. ":unsuccessful")
end

-- the parent no longer waits for key; its last child gone, it is removed (same queue) or woken
local function detach(key)
  local p, parentId = lastChildGone(key)
  if not p then return end
  if p == base then
    local parent = p .. parentId
    detach(parent)
    local dedup = redis.call("HGET", parent, "deid")
    if dedup then redis.call("DEL", p .. "de:" .. dedup) end
    removeKeys(parent)
  else
    wakeParent(p, parentId)
  end
end

local ids
if limit > 0 then
  ids = redis.call("ZRANGEBYSCORE", set, 0, before, "LIMIT", 0, limit)
else
  ids = redis.call("ZRANGEBYSCORE", set, 0, before)
end
for _, id in ipairs(ids) do
  local key = base .. id
  detach(key)
  local dedup = redis.call("HGET", key, "deid")
  if dedup and redis.call("GET", base .. "de:" .. dedup) == id then
    redis.call("DEL", base .. "de:" .. dedup, base .. "dn:" .. dedup)
  end
  removeKeys(key)
end
for first = 1, #ids, 5000 do
  redis.call("ZREM", set, unpack(ids, first, math.min(first + 4999, #ids)))
end
redis.call("XADD", events, "*", "event", "cleaned", "count", #ids)
return ids
