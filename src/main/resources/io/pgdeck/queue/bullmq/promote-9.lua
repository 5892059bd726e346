-- pgdeck's own script doing what BullMQ 5.81.5's promote-9.lua does
-- (dist/esm/commands/promote-9.lua, inlined in dist/esm/scripts/promote-9.js),
-- as Job.promote runs it:
--   1. the job must be in delayed (-3 otherwise), and leaves it;
--   2. the target is paused if meta says paused, else wait (full while meta's concurrency is
--      reached); an old "0:<time>" marker at the head of the target list is dropped;
--   3. a job without priority is pushed at the head of the target (LPUSH); one with a priority
--      goes to prioritized with score priority * 2^32 + the next value of the pc counter;
--      either way the marker gets "0" unless paused or full;
--   4. the events stream gets "waiting", prev: delayed; the job hash's delay becomes 0.
-- KEYS: 1 delayed, 2 wait, 3 paused, 4 meta, 5 prioritized, 6 active, 7 pc, 8 events, 9 marker
-- ARGV: 1 the queue's key prefix (<prefix>:<queue>:), 2 job id
-- Reply: 0 promoted, -3 not delayed.
local delayed, wait, paused, meta, prioritized, active, pc, events, marker = unpack(KEYS)
local base, id = ARGV[1], ARGV[2]

if redis.call("ZREM", delayed, id) == 0 then return -3 end

local job = base .. id
local priority = tonumber(redis.call("HGET", job, "priority")) or 0
local target, wake = targetList(meta, wait, paused, active)
local head = redis.call("LINDEX", target, 0)
if head and string.sub(head, 1, 2) == "0:" then redis.call("LPOP", target) end

if priority == 0 then
  redis.call("LPUSH", target, id)
else
  local n = redis.call("INCR", pc)
  redis.call("ZADD", prioritized, priority * 0x100000000 + n % 0x100000000, id)
end
if wake then redis.call("ZADD", marker, 0, "0") end

redis.call("XADD", events, "*", "event", "waiting", "jobId", id, "prev", "delayed")
redis.call("HSET", job, "delay", 0)
return 0
