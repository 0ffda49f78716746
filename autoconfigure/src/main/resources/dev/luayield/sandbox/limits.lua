-- The invocation's limits: the deadline, the memory limit, the nesting of calls that
-- recurse on the native stack, and the kill that makes a limit stick once it was hit.
--
-- check_limits is called from the countdowns compiled into every script (instrument.lua),
-- from load, from the pattern matcher, and wherever sandbox code does a lot of work.
-- The invocation's own part lives in ctx.invocation, which the trampoline resets as each
-- invocation starts (a call here for it would cost a measurable part of an empty
-- invocation): `deadline` (by now_ns, 0 for none), `budget_ns`, `killed` (the message every
-- later check raises again once a limit was hit, false until then) and `nesting`.
-- `killed_outcome` is set with `killed` and read only while `killed` is set, so it needs
-- no reset.
--
-- Exports into ctx: check_limits, rethrow_if_killed, guard_size, call_nested, enter_nested,
-- leave_nested, kill_state, MEMORY_KILLED, OUTCOME_*, now_ns, clock_reads.

local ctx = ...
local config = ctx.config
local type, select, error, pcall, unpack, tostring, tonumber = type, select, error, pcall, unpack, tostring, tonumber
local co_running, collectgarbage = coroutine.running, collectgarbage
local debug_getinfo, tbl_maxn = debug.getinfo, table.maxn
local ffi = ctx.ffi
local is_sandbox_source = ctx.is_sandbox_source

local TIMEOUT, MEMORY = config.messages.TIME_LIMIT, config.messages.MEMORY_LIMIT
local memory_limit_kb = (config.memory_limit or 0) / 1024
local clock_reads = 0     -- for tests: how often the clock was read
local run = ctx.invocation

-- How an invocation ended, as the trampoline tells Java: the first value it returns.
-- Java decides the outcome from this code, never from the text of a message, so a script
-- that raises a message looking like a timeout gets an ordinary error.
local outcomes = config.outcomes
local OUTCOME_DONE, OUTCOME_ERROR, OUTCOME_TIMEOUT, OUTCOME_MEMORY = outcomes.DONE, outcomes.ERROR, outcomes.TIMEOUT,
    outcomes.MEMORY
run.deadline, run.budget_ns, run.killed, run.killed_outcome, run.nesting = 0, 0, false, OUTCOME_ERROR, 0
local MEMORY_KILLED = MEMORY .. " of " .. ((config.memory_limit or 0) / 1048576) .. " MB"

-- With the native shim, the state's allocator refuses to grow past the memory limit and
-- sets this flag (see NativeMemoryLimit); a script's pcall can swallow LuaJIT's memory
-- error but not the flag. Reading it allocates nothing, which matters once memory is out.
local memory_flag = config.memory_flag and ffi.cast("int32_t *", config.memory_flag)
local function memory_exceeded()
  return memory_flag ~= nil and memory_flag[0] ~= 0
end

local now_ns
do
  ffi.cdef[[
    typedef struct { long luayield_sec; long luayield_nsec; } luayield_timespec;
    int clock_gettime(int clock, luayield_timespec *time);
    int QueryPerformanceCounter(int64_t *count);
    int QueryPerformanceFrequency(int64_t *frequency);
  ]]
  if ffi.os == "Windows" then
    local counter, frequency = ffi.new("int64_t[1]"), ffi.new("int64_t[1]")
    ffi.C.QueryPerformanceFrequency(frequency)
    local scale = 1e9 / tonumber(frequency[0])
    now_ns = function()
      clock_reads = clock_reads + 1
      ffi.C.QueryPerformanceCounter(counter)
      return tonumber(counter[0]) * scale
    end
  else
    local monotonic = (ffi.os == "OSX") and 6 or 1
    local time = ffi.new("luayield_timespec")
    now_ns = function()
      clock_reads = clock_reads + 1
      ffi.C.clock_gettime(monotonic, time)
      return tonumber(time.luayield_sec) * 1e9 + tonumber(time.luayield_nsec)
    end
  end
end

-- Returns the level of the innermost script frame at or above `level` (as error() counts,
-- from the caller's point of view), skipping LuaYield's own functions and C functions,
-- so that a limit hit inside a sandbox wrapper still points at the script's line.
local function script_level(level)
  level = level + 1
  while true do
    local info = debug_getinfo(level, "S")
    if info == nil then return 0 end
    if not is_sandbox_source(info.source) and info.what ~= "C" then return level - 1 end
    level = level + 1
  end
end

local function kill(message, outcome, level)
  run.killed, run.killed_outcome = message, outcome
  error(message, script_level(level + 1))
end

local function check_limits()
  if co_running() == nil then
    return -- the main thread runs LuaYield's own helpers, never a script
  end
  local killed = run.killed
  if killed then
    error(killed, script_level(2))
  end
  if memory_exceeded() then
    kill(MEMORY_KILLED, OUTCOME_MEMORY, 2)
  end
  local deadline = run.deadline
  if deadline ~= 0 and now_ns() > deadline then
    kill(TIMEOUT .. " of " .. run.budget_ns / 1e6 .. " ms", OUTCOME_TIMEOUT, 2)
  end
  if memory_limit_kb > 0 and collectgarbage("count") > memory_limit_kb then
    collectgarbage()
    if collectgarbage("count") > memory_limit_kb then
      kill(MEMORY_KILLED, OUTCOME_MEMORY, 2)
    end
  end
end

-- Calls that cross LuaJIT's C stack (a coroutine resumed inside a coroutine, callbacks
-- and metamethods run by C functions) recurse on the calling Java thread's native stack,
-- which the JVM cannot grow: too deep and the whole JVM dies. So the sandbox counts them.
local max_nesting = config.max_nesting or 32
local NESTING = "luayield: calls nested deeper than " .. max_nesting
    .. " levels (coroutines resumed inside coroutines, or callbacks and metamethods run by table.sort,"
    .. " string.gsub, string.format or os.time)"

local function enter_nested()
  local nesting = run.nesting
  if nesting >= max_nesting then
    error(NESTING, 3)
  end
  run.nesting = nesting + 1
end

local function leave_nested(...)
  run.nesting = run.nesting - 1
  return ...
end

-- Runs a C function that calls back into Lua, counting the nesting. It cannot yield
-- anyway, so pcall costs no semantics here and guarantees the count goes back down.
local function call_nested(f, ...)
  enter_nested()
  local count_callback = ctx.count_callback
  count_callback(1)
  local results = { pcall(f, ...) }
  count_callback(-1)
  run.nesting = run.nesting - 1
  if not results[1] then
    error(results[2], 0)
  end
  return unpack(results, 2, tbl_maxn(results))
end

local function rethrow_if_killed(...)
  local killed = run.killed
  if killed then
    error(killed, 0)
  end
  if memory_exceeded() then
    run.killed, run.killed_outcome = MEMORY_KILLED, OUTCOME_MEMORY
    error(MEMORY_KILLED, 0)
  end
  return ...
end

-- Functions that can make one huge string or table in a single call check its size first.
local function guard_size(bytes, what)
  if memory_limit_kb > 0 and bytes / 1024 > memory_limit_kb then
    run.killed, run.killed_outcome = MEMORY_KILLED, OUTCOME_MEMORY
    local level = script_level(3)
    local message = MEMORY_KILLED .. " (" .. what .. " of " .. bytes .. " bytes)"
    if level == 0 then
      ctx.raise(message, 3)
    end
    error(message, level)
  end
end

-- What the trampoline reports: the kill, if any, and its outcome.
local function kill_state()
  if memory_exceeded() then
    return MEMORY_KILLED, OUTCOME_MEMORY
  end
  return run.killed, run.killed_outcome
end

ctx.check_limits = check_limits
ctx.rethrow_if_killed = rethrow_if_killed
ctx.guard_size = guard_size
ctx.call_nested = call_nested
ctx.enter_nested = enter_nested
ctx.leave_nested = leave_nested
ctx.kill_state = kill_state
ctx.memory_exceeded = memory_exceeded
ctx.memory_limit_kb = memory_limit_kb
ctx.has_native_memory_limit = memory_flag ~= nil
ctx.MEMORY_KILLED = MEMORY_KILLED
ctx.OUTCOME_DONE, ctx.OUTCOME_ERROR, ctx.OUTCOME_TIMEOUT, ctx.OUTCOME_MEMORY =
    OUTCOME_DONE, OUTCOME_ERROR, OUTCOME_TIMEOUT, OUTCOME_MEMORY
ctx.now_ns = now_ns
ctx.clock_reads = function() return clock_reads end
