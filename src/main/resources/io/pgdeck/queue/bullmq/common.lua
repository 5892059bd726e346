-- pgdeck's helpers, put after the header of each of its BullMQ scripts (BullMqScript), for what
-- BullMQ 5.81.5's scripts take from their includes (getTargetQueueList, getOrSetMaxEvents,
-- getJobIdFromKey and getJobKeyPrefix, the parent part of removeParentDependencyKey).

-- The list a job ready to run goes to: paused while meta says paused, else wait; and whether
-- the marker is to get "0" to wake a worker: not while paused, nor while the active list has
-- reached meta's concurrency.
local function targetList(meta, wait, paused, active)
  local q = redis.call("HMGET", meta, "paused", "concurrency")
  if q[1] then return paused, false end
  if q[2] and redis.call("LLEN", active) >= tonumber(q[2]) then return wait, false end
  return wait, true
end

-- The events stream's length cap: meta's opts.maxLenEvents, set to 10000 when absent.
local function eventsMaxLen(meta)
  local n = redis.call("HGET", meta, "opts.maxLenEvents")
  if not n then
    n = 10000
    redis.call("HSET", meta, "opts.maxLenEvents", n)
  end
  return n
end

-- A job's key as its queue's key prefix and its id.
local function split(key)
  local id = string.match(key, ".*:(.*)")
  return string.sub(key, 1, #key - #id), id
end

-- The job's parent, if any, no longer waits for it. When it was the parent's last pending
-- child and the parent left waiting-children: the parent's queue prefix and id.
local function lastChildGone(key)
  local parent = redis.call("HGET", key, "parentKey")
  if not parent or parent == "" or redis.call("EXISTS", parent) == 0 then return nil end
  local pending = parent .. ":dependencies"
  if redis.call("SREM", pending, key) == 0 or redis.call("SCARD", pending) > 0 then return nil end
  local p, parentId = split(parent)
  if redis.call("ZREM", p .. "waiting-children", parentId) == 0 then return nil end
  return p, parentId
end

-- A parent whose children are all done goes to the tail of its queue's wait (or paused).
local function wakeParent(p, parentId)
  local target, wake = targetList(p .. "meta", p .. "wait", p .. "paused", p .. "active")
  redis.call("RPUSH", target, parentId)
  if wake then redis.call("ZADD", p .. "marker", 0, "0") end
end

-- pgdeck's script proper:
