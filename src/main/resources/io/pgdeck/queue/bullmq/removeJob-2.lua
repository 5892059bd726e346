-- pgdeck's own script doing what BullMQ 5.81.5's removeJob-2.lua does
-- (dist/esm/commands/removeJob-2.lua, inlined in dist/esm/scripts/removeJob-2.js),
-- as Job.remove runs it (children removed too):
--   1. the current delayed job of a job scheduler (its rjk names a scheduler in the repeat
--      set, and its id is repeat:<rjk>:<that score>) is refused: -8;
--   2. a job with a lock (<job>:lock: a worker holds it), or with a locked pending child,
--      is refused: 0;
--   3. a parent waiting for the job no longer waits for it; if it was the parent's last
--      pending child, the parent leaves waiting-children for the tail of its queue's wait
--      (paused if paused), with its marker and a "waiting" event, prev: waiting-children;
--   4. its children (processed, failed, unsuccessful and pending ones) are removed the same
--      way, each from whichever queue it is in;
--   5. the job leaves whichever state holds it, its deduplication key goes if it still points
--      at it, its hash, logs and dependency keys are deleted, and its queue's events stream
--      gets "removed", prev: the state it was in.
-- KEYS: 1 job hash, 2 the repeat (job schedulers) set
-- ARGV: 1 job id, 2 "1" to remove children, 3 the queue's key prefix (<prefix>:<queue>:)
-- Reply: 1 removed, 0 locked, -8 a job scheduler's next job.
local job, schedulers = KEYS[1], KEYS[2]
local id, withChildren, base = ARGV[1], ARGV[2] == "1", ARGV[3]

local function locked(prefix, jobId)
  local key = prefix .. jobId
  if redis.call("EXISTS", key .. ":lock") == 1 then return true end
  if withChildren then
    for _, child in ipairs(redis.call("SMEMBERS", key .. ":dependencies")) do
      local p, c = split(child)
      if locked(p, c) then return true end
    end
  end
  return false
end

-- the parent no longer waits for key; its last child gone, it goes to its queue's wait
local function detach(key)
  local p, parentId = lastChildGone(key)
  if p then
    wakeParent(p, parentId)
    redis.call("XADD", p .. "events", "*", "event", "waiting", "jobId", parentId, "prev", "waiting-children")
  end
end

local function leaveState(prefix, jobId)
  for _, set in ipairs({ "completed", "waiting-children", "delayed", "failed", "prioritized" }) do
    if redis.call("ZREM", prefix .. set, jobId) == 1 then return set end
  end
  for _, list in ipairs({ "wait", "paused", "active" }) do
    if redis.call("LREM", prefix .. list, 1, jobId) == 1 then return list end
  end
  return "unknown"
end

local removeTree
local function removeChildren(key)
  local children = {}
  for _, field in ipairs({ ":processed", ":failed" }) do
    local pairs_ = redis.call("HGETALL", key .. field)
    for i = 1, #pairs_, 2 do table.insert(children, pairs_[i]) end
  end
  for _, child in ipairs(redis.call("ZRANGE", key .. ":unsuccessful", 0, -1)) do table.insert(children, child) end
  for _, child in ipairs(redis.call("SMEMBERS", key .. ":dependencies")) do table.insert(children, child) end
  for _, child in ipairs(children) do
    local p, c = split(child)
    removeTree(p, c, true)
  end
end

removeTree = function(prefix, jobId, ofRemovedParent)
  local key = prefix .. jobId
  if not ofRemovedParent then detach(key) end
  if withChildren then removeChildren(key) end
  local prev = leaveState(prefix, jobId)
  local dedup = redis.call("HGET", key, "deid")
  if dedup and redis.call("GET", prefix .. "de:" .. dedup) == jobId then
    redis.call("DEL", prefix .. "de:" .. dedup, prefix .. "dn:" .. dedup)
  end
  if redis.call("DEL", key, key .. ":logs", key .. ":dependencies", key .. ":processed", key .. ":failed",
      key .. ":unsuccessful") > 0 then
    redis.call("XADD", prefix .. "events", "MAXLEN", "~", eventsMaxLen(prefix .. "meta"), "*", "event", "removed",
      "jobId", jobId, "prev", prev)
  end
end

local scheduler = redis.call("HGET", job, "rjk")
if scheduler then
  local at = redis.call("ZSCORE", schedulers, scheduler)
  if at and id == "repeat:" .. scheduler .. ":" .. at then return -8 end
end
if locked(base, id) then return 0 end
removeTree(base, id, false)
return 1
