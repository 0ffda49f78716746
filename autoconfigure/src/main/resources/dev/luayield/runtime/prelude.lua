-- LuaYield prelude: runs once per Lua state, on its main thread, before any script.
--
-- It builds the endpoint proxies, the sandboxed base every script environment inherits
-- from, and the trampoline through which Java starts each invocation. Everything the
-- sandbox takes away is captured here in locals first, so only this file can reach it.
--
-- Arguments: endpoints ({ global = { lua_name = id } }), config (see LuaVm), REQ and ERR
-- (light userdata markers: a host request among yields, an error reply from Java).
--
-- No function defined here reads a global once the prelude has run: everything it uses
-- is a local captured below, so no script can change what sandbox code does by changing
-- a global table, and setfenv/getfenv refuse every function whose source is this file.

local endpoints, config, REQ, ERR, patterns_chunk = ...

local G = _G
local type, select, error, pcall, xpcall, tostring, tonumber = type, select, error, pcall, xpcall, tostring, tonumber
local rawget, rawset, rawequal, next, pairs, ipairs = rawget, rawset, rawequal, next, pairs, ipairs
local setmetatable, getmetatable, setfenv, getfenv = setmetatable, getmetatable, setfenv, getfenv
local loadstring, unpack, assert = loadstring, unpack, assert
local co_create, co_resume, co_yield = coroutine.create, coroutine.resume, coroutine.yield
local co_status, co_running, co_wrap, co_isyieldable = coroutine.status, coroutine.running, coroutine.wrap, coroutine.isyieldable
local str_byte, str_sub, str_format, str_rep = string.byte, string.sub, string.format, string.rep
local str_gsub, str_find = string.gsub, string.find
local tbl_concat, tbl_insert, tbl_remove, tbl_sort, tbl_maxn = table.concat, table.insert, table.remove, table.sort,
    table.maxn
local math_floor, math_ceil = math.floor, math.ceil
local os_time = os.time
local debug_getinfo = debug.getinfo
local collectgarbage = collectgarbage
local jit = jit
local ffi = require("ffi")
local require_builtin = require
local G_package_loaded = package.loaded

-- Where the sandbox's own functions come from: setfenv and getfenv refuse them, and
-- error levels skip them. Its modules are named "=luayield/<module>".
local SANDBOX_SOURCE = "=luayield/prelude"
local function is_sandbox_source(source)
  return source == SANDBOX_SOURCE or string.sub(source, 1, 10) == "=luayield/"
end

-- Once the prelude has run, a global read or write by any function of this file is a bug:
-- it fails loudly instead of reading what a script might have put there. Functions
-- inherit this environment from the chunk that makes them.
local initializing = true
setfenv(1, setmetatable({}, {
  __index = function(_, name)
    if initializing then return G[name] end
    error("luayield/prelude read the global '" .. tostring(name) .. "'", 2)
  end,
  __newindex = function(_, name, value)
    if initializing then G[name] = value return end
    error("luayield/prelude wrote the global '" .. tostring(name) .. "'", 2)
  end,
  __metatable = false,
}))

local current_chunk      -- the chunk of the invocation now running

-- Raises an endpoint error at the script's calling line, `level` counting as error() does.
-- When the frame there is the trampoline's pcall, the script made a tail call
-- (`return world:f(x)`) and Lua kept no frame with its line: the error then names the
-- chunk alone.
local trampoline_function      -- set below, once the trampoline is made
local function raise(message, level)
  level = level + 1
  local caller = debug_getinfo(level, "S")
  local above = caller and caller.what == "C" and debug_getinfo(level + 1, "f")
  if above and above.func == trampoline_function then
    local chunk = current_chunk and debug_getinfo(current_chunk, "S")
    error((chunk and chunk.short_src or "?") .. ": " .. message, 0)
  end
  error(message, level)
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

-- Limits ------------------------------------------------------------------------------------
--
-- check_limits compares the invocation's deadline and the state's memory with their limits.
-- The calls to it are compiled into the scripts themselves (see `tick` below).

local TIMEOUT = "luayield: the script exceeded its time limit"
local MEMORY = "luayield: the script exceeded its memory limit"
local memory_limit_kb = (config.memory_limit or 0) / 1024
local deadline = nil      -- monotonic nanoseconds, or nil when the invocation has no limit
local clock_reads = 0     -- for tests: how often the clock was read
local budget_ms = 0
local killed = nil        -- the message every later check raises again, once a limit was hit

-- How an invocation ended, as the trampoline tells Java: the first value it returns.
-- Java decides the outcome from this code, never from the text of a message, so a script
-- that raises a message looking like a timeout gets an ordinary error.
local OUTCOME_DONE, OUTCOME_ERROR, OUTCOME_TIMEOUT, OUTCOME_MEMORY = 0, 1, 2, 3
local killed_outcome = OUTCOME_ERROR
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

local function check_limits()
  if co_running() == nil then
    return -- the main thread runs LuaYield's own helpers, never a script
  end
  if killed then
    error(killed, script_level(2))
  end
  if memory_exceeded() then
    killed, killed_outcome = MEMORY_KILLED, OUTCOME_MEMORY
    error(killed, script_level(2))
  end
  if deadline and now_ns() > deadline then
    killed, killed_outcome = TIMEOUT .. " of " .. budget_ms .. " ms", OUTCOME_TIMEOUT
    error(killed, script_level(2))
  end
  if memory_limit_kb > 0 and collectgarbage("count") > memory_limit_kb then
    collectgarbage()
    if collectgarbage("count") > memory_limit_kb then
      killed, killed_outcome = MEMORY_KILLED, OUTCOME_MEMORY
      error(killed, script_level(2))
    end
  end
end

-- Calls that cross LuaJIT's C stack (a coroutine resumed inside a coroutine, string.gsub
-- and table.sort callbacks) recurse on the calling Java thread's native stack, which the
-- JVM cannot grow: too deep and the whole JVM dies. So the sandbox counts them.
local nesting = 0
local max_nesting = config.max_nesting or 32
local NESTING = "luayield: calls nested deeper than " .. max_nesting
    .. " levels (coroutines resumed inside coroutines, or callbacks and metamethods run by table.sort,"
    .. " string.gsub, string.format or os.time)"

local function enter_nested()
  if nesting >= max_nesting then
    error(NESTING, 3)
  end
  nesting = nesting + 1
end

local function leave_nested(...)
  nesting = nesting - 1
  return ...
end

-- Runs a C function that calls back into Lua, counting the nesting. It cannot yield
-- anyway, so pcall costs no semantics here and guarantees the count goes back down.
local function call_nested(f, ...)
  enter_nested()
  local results = { pcall(f, ...) }
  nesting = nesting - 1
  if not results[1] then
    error(results[2], 0)
  end
  return unpack(results, 2, tbl_maxn(results))
end

local function rethrow_if_killed(...)
  if killed then
    error(killed, 0)
  end
  if memory_exceeded() then
    killed, killed_outcome = MEMORY_KILLED, OUTCOME_MEMORY
    error(killed, 0)
  end
  return ...
end

-- Functions that can make one huge string in a single VM instruction check its size first.
local function guard_size(bytes, what)
  if memory_limit_kb > 0 and bytes / 1024 > memory_limit_kb then
    killed, killed_outcome = MEMORY_KILLED, OUTCOME_MEMORY
    local level = script_level(3)
    if level == 0 then
      raise(killed .. " (" .. what .. " of " .. bytes .. " bytes)", 3)
    end
    error(killed .. " (" .. what .. " of " .. bytes .. " bytes)", level)
  end
end

-- Every C function that can call back into Lua is counted: LuaJIT runs such callbacks,
-- and the metamethods C code triggers, on a new native frame (table.sort's comparator or
-- __lt, gsub's replacement function or table's __index, string.format's __tostring,
-- os.time's __index). Metamethods the VM itself triggers need no count: LuaJIT runs them
-- on the Lua stack. The wrappers replace the functions in the real libraries, so the
-- string metatable (`s:gsub(...)`) reaches them too.
local function has_table(...)
  for i = 1, select("#", ...) do
    if type((select(i, ...))) == "table" then return true end
  end
  return false
end

do
  string.gsub = function(s, pattern, repl, n)
    local kind = type(repl)
    if kind == "function" or kind == "table" then
      return call_nested(str_gsub, s, pattern, repl, n)
    end
    return str_gsub(s, pattern, repl, n)
  end
  table.sort = function(t, comparator)
    return call_nested(tbl_sort, t, comparator)
  end
  string.format = function(format, ...)
    if has_table(...) then
      return call_nested(str_format, format, ...)
    end
    return str_format(format, ...)
  end
end
-- Without the native shim the memory limit is checked between instructions only, so the
-- C functions that can make far more than their input in one call check what they will
-- make first. With the shim the allocator refuses such growth itself, and these checks
-- would only cost time.
if memory_flag == nil and memory_limit_kb > 0 then
  local gsub_counted, concat_counted, format_counted = string.gsub, tbl_concat, string.format
  string.gsub = function(s, pattern, repl, n)
    local kind = type(repl)
    local subject = tostring(s)
    if kind == "string" or kind == "number" then
      guard_size((#subject + 1) * (#tostring(repl) + 1), "string.gsub")
      return gsub_counted(s, pattern, repl, n)
    end
    if kind == "function" or kind == "table" then
      local made = #subject
      local lookup = repl
      return gsub_counted(s, pattern, function(...)
        local value
        if kind == "function" then value = lookup(...) else value = lookup[(...)] end
        if type(value) == "string" then
          made = made + #value
          guard_size(made, "string.gsub")
        end
        return value
      end, n)
    end
    return gsub_counted(s, pattern, repl, n)
  end
  table.concat = function(t, sep, i, j)
    if type(t) == "table" then
      local total, step = 0, #tostring(sep or "")
      for k = tonumber(i) or 1, tonumber(j) or #t do
        local v = rawget(t, k)
        if type(v) == "string" or type(v) == "number" then total = total + #tostring(v) + step end
      end
      guard_size(total, "table.concat")
    end
    return concat_counted(t, sep, i, j)
  end
  string.format = function(format, ...)
    local total = #tostring(format)
    for k = 1, select("#", ...) do
      local v = (select(k, ...))
      if type(v) == "string" then total = total + #v end
    end
    guard_size(total, "string.format")
    return format_counted(format, ...)
  end
end

-- Pattern matching: LuaJIT's matcher backtracks inside one C call, where no limit check
-- runs, and can take hours on a short string. Calls whose worst case is provably small
-- (nearly all of them) keep the native matcher; the rest run the sandbox's own matcher in
-- Lua (sandbox/patterns.lua), which checks the limits as it works.
if patterns_chunk then
  local patterns = patterns_chunk(function() check_limits() end)
  local cheap, cheap_match, cheap_gmatch, cheap_gsub = patterns.cheap, patterns.cheap_match, patterns.cheap_gmatch,
      patterns.cheap_gsub
  local native_find, native_match, native_gmatch, native_gsub = string.find, string.match, string.gmatch, string.gsub
  local lua_find, lua_match, lua_gmatch, lua_gsub = patterns.find, patterns.match, patterns.gmatch, patterns.gsub
  -- Tail calls throughout: errors then point at the script's line, not at these wrappers.
  string.find = function(...)
    if cheap(...) then return native_find(...) end
    return lua_find(...)
  end
  string.match = function(...)
    if cheap_match(...) then return native_match(...) end
    return lua_match(...)
  end
  string.gmatch = function(...)
    if cheap_gmatch(...) then return native_gmatch(...) end
    return lua_gmatch(...)
  end
  string.gsub = function(...)
    if cheap_gsub(...) then return native_gsub(...) end
    return lua_gsub(...)
  end
end

local os_time_counted = function(t)
  if type(t) == "table" then
    return call_nested(os_time, t)
  end
  return os_time(t)
end

do
  string.rep = function(s, n, sep)
    local count = tonumber(n)
    if count and count > 0 then
      local unit = #tostring(s) + ((sep ~= nil) and #tostring(sep) or 0)
      guard_size(unit * count, "string.rep")
    end
    return str_rep(s, n, sep)
  end
end

-- Limit checks compiled into the scripts ------------------------------------------------------
--
-- A count hook slows every VM instruction (LuaJIT switches its whole dispatch table to a
-- hooked one) and does not run inside JIT-compiled code at all. Instead every chunk a
-- script brings (its own source, its modules, text given to load) is compiled with a
-- countdown at the top of every loop body (after each `do` and `repeat`), before every
-- `goto` and at the entry of every function: whatever runs forever passes one of them again
-- and again, and every `interval` passes check_limits runs. Lines are kept, so messages and
-- tracebacks point where they did; the locals the countdown uses have names the chunk never
-- mentions, so no script can shadow them.
--
-- Interpreted (the default), the countdown is written out in the chunk: a call would cost
-- more than the rest of it. Compiled, it is a call to `tick`, which LuaJIT inlines into its
-- traces as a decrement and a guard, cheaper there than the chunk's own upvalue.
-- Each chunk counts on its own, and load counts on the state's countdown: an endless chain
-- of fresh chunks goes through load just as often.

local interval = config.timeout_hook_interval or 0
local countdown = interval

local function tick()
  countdown = countdown - 1
  if countdown < 0 then
    countdown = interval
    check_limits()
  end
end

local function recount()
  check_limits()
  return interval
end

local COUNTDOWN = {}      -- where a countdown goes in the instrumented text

-- Splits Lua source around the places a countdown goes. It only needs to
-- tell names, keywords and the parameter list of `function` apart from strings, comments
-- and numbers: the chunk has already compiled, so it is known to be valid Lua.
local function instrument_text(source)
  local parts, names = {}, {}
  local pos, len, copied = 1, #source, 1
  local awaiting_params, in_params = false, false
  local function mark(at)
    parts[#parts + 1] = str_sub(source, copied, at - 1)
    parts[#parts + 1] = COUNTDOWN
    copied = at
  end
  local steps = 0
  while pos <= len do
    -- A script can load megabytes of source: the time and memory limits apply here too.
    steps = steps + 1
    if steps >= 4096 then
      steps = 0
      check_limits()
    end
    local c = str_byte(source, pos)
    if c == 45 and str_byte(source, pos + 1) == 45 then            -- --
      local _, open_end = str_find(source, "^%[=*%[", pos + 2)
      if open_end then
        local close = "]" .. str_rep("=", open_end - pos - 3) .. "]"
        local _, stop = str_find(source, close, open_end + 1, true)
        pos = (stop or len) + 1
      else
        local stop = str_find(source, "\n", pos + 2, true)
        pos = (stop or len) + 1
      end
    elseif c == 34 or c == 39 then                                  -- " '
      local quote = (c == 34) and '["\\]' or "['\\]"
      local i = pos + 1
      while true do
        local at = str_find(source, quote, i)
        if at == nil then i = len + 1 break end
        if str_byte(source, at) == 92 then
          i = at + 2
        else
          i = at + 1
          break
        end
      end
      pos = i
    elseif c == 91 and str_find(source, "^%[=*%[", pos) then        -- [[ [==[
      local _, open_end = str_find(source, "^%[=*%[", pos)
      local close = "]" .. str_rep("=", open_end - pos - 1) .. "]"
      local _, stop = str_find(source, close, open_end + 1, true)
      pos = (stop or len) + 1
    elseif (c >= 65 and c <= 90) or (c >= 97 and c <= 122) or c == 95 or c >= 128 then
      local _, stop = str_find(source, "^[%w_\128-\255]*", pos + 1)
      local word = str_sub(source, pos, stop)
      if word == "do" or word == "repeat" then
        mark(stop + 1)
      elseif word == "goto" then
        mark(pos)
      elseif word == "function" then
        awaiting_params = true
      else
        names[word] = true
      end
      pos = stop + 1
    elseif c >= 48 and c <= 57 then                                 -- numbers, 0x1p4 and 1e5 included
      local _, stop = str_find(source, "^[%w_%.]*", pos + 1)
      pos = stop + 1
    elseif c == 40 and awaiting_params then                         -- (
      awaiting_params, in_params = false, true
      pos = pos + 1
    elseif c == 41 and in_params then                               -- )
      in_params = false
      mark(pos + 1)
      pos = pos + 1
    else
      pos = pos + 1
    end
  end
  parts[#parts + 1] = str_sub(source, copied)
  local suffix, n = "", 0
  while names["luayield_count" .. suffix] or names["luayield_check" .. suffix] do
    n = n + 1
    suffix = tostring(n)
  end
  local count, check = "luayield_count" .. suffix, "luayield_check" .. suffix
  local countdown_text
  if config.jit then
    countdown_text = " " .. check .. "() "
  else
    countdown_text = " " .. count .. " = " .. count .. " - 1 if " .. count .. " < 0 then " .. count .. " = "
        .. check .. "() end "
  end
  for i = 1, #parts do
    if parts[i] == COUNTDOWN then parts[i] = countdown_text end
  end
  return tbl_concat(parts), count, check
end

-- Compiles a chunk with its limit checks: the chunk becomes a vararg function closed over
-- `tick`, on the same lines as the source. Returns nil and a message as loadstring does.
local function compile_checked(source, chunkname)
  local f, err = loadstring(source, chunkname)
  if not f then
    return nil, err
  end
  local text, count, check = instrument_text(source)
  local outer, outer_err = loadstring("local " .. count .. ", " .. check .. " = ...; return function(...) " .. text
      .. "\nend", chunkname)
  if not outer then
    return nil, outer_err
  end
  return outer(interval, config.jit and tick or recount)
end

local checking = interval > 0
if not config.jit then
  jit.off()
end

-- Tables no script may change: the endpoint proxies and the string metatable.
local protected = setmetatable({}, { __mode = "k" })

local function deny(t)
  error("attempt to modify a read-only table", 2)
end

-- Endpoint proxies -------------------------------------------------------------------------

-- Counts proxy closures made, so tests can show they are made once per method per state.
local closures_made = 0

-- Proxy functions call reply in tail position, so level 2 is whoever called them.
local function reply(first, ...)
  if first == ERR then
    raise((...), 2)
  end
  return first, ...
end

local function make_proxy(global, ids)
  local proxy = {}
  local methods = setmetatable({}, { __index = function(methods, name)
    local id = ids[name]
    local f
    if id == nil then
      local message = global .. "." .. tostring(name) .. ": no such method"
      return function() raise(message, 2) end
    end
    -- The usual `world:f(x)` takes the first branch, kept as short as it can be: `self`
    -- is a named parameter, so the arguments go on as they came (no select), and the
    -- reply is checked in place rather than through reply(...), a vararg call that made
    -- a measurable part of the whole call's cost (see docs/performance.md).
    f = function(self, ...)
      if self == proxy then
        local result, message = co_yield(REQ, id, ...)
        if result == ERR then
          raise(message, 2)
        end
        return result
      end
      if self == nil and select("#", ...) == 0 then
        return reply(co_yield(REQ, id))
      end
      return reply(co_yield(REQ, id, self, ...))
    end
    closures_made = closures_made + 1
    rawset(methods, name, f)
    return f
  end })
  setmetatable(proxy, { __index = methods, __newindex = deny, __metatable = false })
  protected[proxy] = true
  return proxy
end

-- The sandboxed base ----------------------------------------------------------------------

local base = {}
local libs = {}         -- libraries handed to each invocation as its own copy
local current_env       -- the environment of the invocation now running
local host              -- the coroutine Java resumes for that invocation
local pending_output = {}

-- The proxies also go into each invocation's environment as its own fields: a script's
-- `world` is then found without a miss and a trip through the environment's __index.
local proxies = {}
local env_fields = { "_G = false" }
for global, ids in pairs(endpoints) do
  local proxy = make_proxy(global, ids)
  base[global] = proxy
  proxies[global] = proxy
  env_fields[#env_fields + 1] = global .. " = false"   -- endpoint names are Lua identifiers
end

-- Makes a fresh environment with room for _G and the proxies: a table constructor with
-- these keys is copied from a template in one step, where adding them one by one to an
-- empty table would grow its hash part several times (together about half the cost of
-- starting an invocation in the interpreter).
local new_env = loadstring("return function() return { " .. tbl_concat(env_fields, ", ") .. " } end",
    "=luayield/prelude")()

local function copy(t)
  local c = {}
  for k, v in next, t do c[k] = v end
  return c
end

local function guarded(t)
  if protected[t] then
    error("attempt to modify a read-only table", 3)
  end
  return t
end

local function is_host()
  return co_running() == host
end

-- Coroutines: a host request yielded inside a script's own coroutine travels up to Java and
-- the reply comes back down to the exact call; the script's own yields stay with it.
local function pass(co, ok, first, ...)
  if ok and first == REQ and co_status(co) == "suspended" then
    return pass(co, co_resume(co, co_yield(REQ, ...)))
  end
  return ok, first, ...
end

local function resume(co, ...)
  enter_nested()
  return rethrow_if_killed(leave_nested(pass(co, co_resume(co, ...))))
end

local function wrap_results(ok, ...)
  if ok then return ... end
  local message = ...
  if type(message) == "string" then
    error(message, 2)
  end
  error(message, 0)
end

local coroutine_lib = {
  create = co_create,
  resume = resume,
  status = co_status,
  wrap = function(f)
    local co = co_create(f)
    return function(...) return wrap_results(resume(co, ...)) end
  end,
  yield = function(...)
    if is_host() then
      error("attempt to yield from outside a coroutine", 2)
    end
    return co_yield(...)
  end,
  running = function()
    local co = co_running()
    if co == host then return nil end
    return co
  end,
  isyieldable = function()
    return not is_host() and co_isyieldable()
  end,
}
libs.coroutine = coroutine_lib

local string_lib = copy(string)
string_lib.dump = nil
libs.string = string_lib
local table_lib = copy(table)
table_lib.insert = function(t, ...) return tbl_insert(guarded(t), ...) end
table_lib.remove = function(t, ...) return tbl_remove(guarded(t), ...) end
local sort_counted = table.sort
table_lib.sort = function(t, ...) return sort_counted(guarded(t), ...) end
libs.table = table_lib
libs.math = math
libs.bit = bit
libs.os = { time = os_time_counted, clock = os.clock, date = os.date }

local function load_text(chunk, name, env)
  if type(chunk) == "function" then
    local parts = {}
    while true do
      local part = chunk()
      if part == nil or part == "" then break end
      if type(part) ~= "string" then
        return nil, "reader function must return a string"
      end
      parts[#parts + 1] = part
    end
    chunk = tbl_concat(parts)
  end
  if type(chunk) ~= "string" then
    return nil, "bad argument #1 to 'load' (string expected, got " .. type(chunk) .. ")"
  end
  if str_byte(chunk, 1) == 27 then
    return nil, "attempt to load a binary chunk"
  end
  local f, err
  if checking then
    -- Compiling costs time and memory in proportion to the source, however few
    -- instructions the script spends on it: the limits are checked on every load, and a
    -- limit hit while compiling (which load itself reports as a mere failure) ends the
    -- script.
    check_limits()
    f, err = compile_checked(chunk, name)
    rethrow_if_killed()
    check_limits()
  else
    f, err = loadstring(chunk, name)
  end
  if f then
    setfenv(f, env or current_env)
  end
  return f, err
end

local function print_line(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    parts[i] = tostring((select(i, ...)))
  end
  return tbl_concat(parts, "\t")
end

for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
  "tostring", "type", "unpack", "xpcall", "rawequal", "rawget", "getmetatable", "setmetatable",
  "_VERSION", "gcinfo" }) do
  base[name] = G[name]
end
base.rawset = function(t, k, v) return rawset(guarded(t), k, v) end
-- A script must not be able to swallow a limit with pcall and carry on.
base.pcall = function(...) return rethrow_if_killed(pcall(...)) end
base.xpcall = function(...) return rethrow_if_killed(xpcall(...)) end
base.load = load_text
base.loadstring = function(s, name) return load_text(s, name) end
-- getfenv and setfenv take a function or a stack level. A level is resolved here to the
-- function running there, as LuaJIT resolves it (numbers and numeric strings, truncated
-- toward zero), so that the checks below apply whatever form the level is given in.
-- Returns the function, or nil for level 0 (the running coroutine's environment).
local function fenv_target(f, name)
  if type(f) == "function" then
    return f
  end
  local level = tonumber(f)
  if level == nil then
    error("bad argument #1 to '" .. name .. "' (number expected, got " .. type(f) .. ")", 3)
  end
  level = (level >= 0) and math_floor(level) or math_ceil(level)
  if level == 0 then
    return nil
  end
  -- Level 1 is whoever called getfenv/setfenv: three frames up from here.
  local info = (level > 0) and debug_getinfo(level + 2, "f")
  if not info then
    error("bad argument #1 to '" .. name .. "' (invalid level)", 3)
  end
  return info.func
end

local function is_sandbox_function(f)
  local info = debug_getinfo(f, "S")
  return info.what ~= "C" and is_sandbox_source(info.source)
end

local function refuse_sandbox_function(f, name)
  if f == nil or is_sandbox_function(f) then
    error("bad argument #1 to '" .. name .. "' (" .. ((f == nil) and "level 0" or "that function")
        .. " belongs to the sandbox)", 3)
  end
end

base.getfenv = function(f)
  local target = fenv_target((f == nil) and 1 or f, "getfenv")
  if target == nil then
    return current_env
  end
  refuse_sandbox_function(target, "getfenv")
  local env = getfenv(target)
  -- C functions answer the running thread's environment, which for the host coroutine is
  -- the real globals; in the sandbox the script's own globals stand for them.
  if env == G then return current_env end
  return env
end
base.setfenv = function(f, env)
  local target = fenv_target(f, "setfenv")
  refuse_sandbox_function(target, "setfenv")
  if type(env) ~= "table" then
    error("bad argument #2 to 'setfenv' (table expected, got " .. ((env == nil) and "no value" or type(env)) .. ")", 2)
  end
  setfenv(target, env)
  if type(f) == "function" then
    return f
  end
end
base.collectgarbage = function(opt, ...)
  if opt == "count" then return collectgarbage("count") end
  if opt == nil or opt == "collect" or opt == "step" then return 0 end
  error("bad argument #1 to 'collectgarbage' (only \"count\" is available in the sandbox)", 2)
end
-- require: Lua modules under the script location, compiled once per state (Java hands
-- over the compiled chunk through a host request with id -1) and run once per invocation,
-- so module state never leaks from one invocation to the next. The standard libraries the
-- sandbox offers can be required by name too, as in plain Lua.
local modules = {}        -- name -> compiled chunk, for the life of the state
local builtin_modules = {}
do
  local ok, table_new = pcall(require_builtin, "table.new")
  if ok then
    -- One call can ask for gigabytes of slots; the native limit would refuse them, the
    -- checks between instructions would not see them before they are made.
    builtin_modules["table.new"] = function(narray, nhash)
      guard_size(((tonumber(narray) or 0) + (tonumber(nhash) or 0)) * 16, "table.new")
      return table_new(narray, nhash)
    end
  end
  local ok_clear, table_clear = pcall(require_builtin, "table.clear")
  if ok_clear then
    builtin_modules["table.clear"] = function(t) return table_clear(guarded(t)) end
  end
end
local loaded = {}         -- name -> module value, for the current invocation
local LOADING = {}

base.require = function(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
  end
  local value = loaded[name]
  if value == LOADING then
    error("loop or previous error loading module '" .. name .. "'", 2)
  end
  if value ~= nil then
    return value
  end
  if builtin_modules[name] ~= nil then
    return builtin_modules[name]
  end
  if libs[name] ~= nil or type(rawget(base, name)) == "table" then
    local lib = current_env[name]
    loaded[name] = lib
    return lib
  end
  local chunk = modules[name]
  if chunk == nil then
    if not co_isyieldable() then
      error("module '" .. name .. "' cannot be loaded from inside a callback; require it earlier", 2)
    end
    local first, message = co_yield(REQ, -1, name)
    if first == ERR then
      raise(message, 2)
    end
    chunk = first
    modules[name] = chunk
  end
  loaded[name] = LOADING
  setfenv(chunk, current_env)
  local result = chunk(name)
  if result == nil then
    result = true
  end
  loaded[name] = result
  return result
end

base.print = function(...)
  local line = print_line(...)
  if co_isyieldable() then
    co_yield(REQ, 0, line)
  else
    pending_output[#pending_output + 1] = line
  end
end

setmetatable(base, { __index = function(_, name)
  local lib = libs[name]
  if lib ~= nil and current_env ~= nil then
    local own = copy(lib)
    rawset(current_env, name, own)
    return own
  end
end })

local env_mt = { __index = base, __metatable = false }

-- pairs(_G) lists every global, as in plain Lua, though most live in `base` until used:
-- first the invocation's own globals, then the shared names it has not shadowed.
local shared_names
local function env_pairs(env)
  if shared_names == nil then
    shared_names = {}
    for name in next, base do shared_names[#shared_names + 1] = name end
    for name in next, libs do if base[name] == nil or rawget(base, name) == nil then shared_names[#shared_names + 1] = name end end
  end
  local own_done, i = false, 0
  return function(_, key)
    if not own_done then
      local k, v = next(env, key)
      if k ~= nil then return k, v end
      own_done = true
    end
    while true do
      i = i + 1
      local name = shared_names[i]
      if name == nil then return nil end
      if rawget(env, name) == nil then
        local value = env[name]
        if value ~= nil then return name, value end
      end
    end
  end, env, nil
end

base.pairs = function(t)
  if t ~= nil and t == current_env then
    return env_pairs(t)
  end
  return pairs(t)
end

-- Libraries an application opted back into (lua.sandbox.allowed-libraries).
for _, name in ipairs(config.allowed_libraries or {}) do
  local lib = G[name] or G_package_loaded[name]
  if lib ~= nil then
    libs[name] = nil
    base[name] = lib
  end
end

-- No script may reach the real string table through the string metatable.
local string_mt = getmetatable("")
string_mt.__metatable = false

-- The trampoline ---------------------------------------------------------------------------

local function flush_output()
  if #pending_output > 0 then
    local lines = tbl_concat(pending_output, "\n")
    pending_output = {}
    co_yield(REQ, 0, lines)
  end
end

-- Renders any error value as text. It runs inside the invocation's coroutine, under its
-- limits, because a __tostring metamethod is the script's code: an endless one ends with
-- the time limit like any other loop, and one that fails leaves a plain description.
local function describe(value)
  if type(value) == "string" then return value end
  local ok, text = pcall(tostring, value)
  if ok and type(text) == "string" then
    if type(value) == "table" and getmetatable(value) == nil then
      local parts = {}
      for k, v in next, value do
        if #parts >= 8 then parts[#parts + 1] = "..."; break end
        local key_ok, key = pcall(tostring, k)
        local value_ok, shown = pcall(tostring, v)
        parts[#parts + 1] = (key_ok and key or "?") .. "=" .. (value_ok and shown or "?")
      end
      return "(error object: table {" .. tbl_concat(parts, ", ") .. "})"
    end
    return "(error object: " .. text .. ")"
  end
  if killed then return killed end
  return "(error object: " .. type(value) .. ", whose __tostring failed)"
end

local function finish(ok, ...)
  local outcome, message
  if memory_exceeded() then
    -- Nothing here may allocate: the allocator refuses every growth until the state goes.
    current_env = nil
    return OUTCOME_MEMORY, MEMORY_KILLED
  end
  if not ok then
    message = describe((...))
    if killed then
      -- The error raised by the limit check carries the script's line; anything else the
      -- script raised afterwards (from a pcall it could not swallow) is replaced by the limit.
      outcome = killed_outcome
      if not str_find(message, killed, 1, true) then
        message = killed
      end
    else
      outcome = OUTCOME_ERROR
    end
  end
  -- Output printed where the script could not yield is logged now, under this script,
  -- whether it failed or not.
  pcall(flush_output)
  pending_output = {}
  current_env = nil
  if ok then
    return OUTCOME_DONE, ...
  end
  return outcome, message
end

-- Java resumes a fresh or reused coroutine with (trampoline, chunk, budget, deadline, args...).
-- Java reads the clock for the deadline (see LuaVm): through the FFI, the interpreter
-- would spend more on that one read than on all the rest of starting an invocation.
local function trampoline(chunk, budget_ns, deadline_ns, ...)
  killed, killed_outcome = nil, OUTCOME_ERROR
  if next(loaded) ~= nil then
    loaded = {}
  end
  pending_output = {}
  nesting = 0
  if budget_ns > 0 then
    budget_ms = budget_ns / 1e6
    deadline = deadline_ns
  else
    deadline = nil
  end
  host = co_running()
  current_chunk = chunk
  local env = setmetatable(new_env(), env_mt)
  env._G = env
  for global, proxy in next, proxies do
    env[global] = proxy
  end
  current_env = env
  setfenv(chunk, env)
  -- The chunk runs inside a pcall: its errors end here, in the coroutine, where they are
  -- described under the invocation's limits, and the coroutine survives for the next
  -- invocation. LuaJIT lets the script's endpoint calls yield across this pcall.
  return finish(pcall(chunk, ...))
end
trampoline_function = trampoline

local function stats()
  return closures_made, clock_reads
end

-- Compiles a script or module for Java, which has compiled the plain source already (so
-- syntax errors read as usual).
local function compile(source, chunkname)
  local f, err = compile_checked(source, chunkname)
  if not f then
    error(err, 0)
  end
  return f
end

-- Java hands over strings JNI cannot carry (NUL bytes, characters beyond the BMP) as hex.
-- Decoded by plain loops: no callback, nothing shared, nothing a script can change.
local str_char = string.char
local function from_hex(hex)
  local parts, bytes = {}, {}
  local n = 0
  for i = 1, #hex - 1, 2 do
    n = n + 1
    bytes[n] = tonumber(str_sub(hex, i, i + 1), 16)
    if n == 4096 then
      parts[#parts + 1] = str_char(unpack(bytes, 1, n))
      n = 0
    end
  end
  parts[#parts + 1] = str_char(unpack(bytes, 1, n))
  return tbl_concat(parts)
end

initializing = false

return { trampoline = trampoline, stats = stats, clock = now_ns, from_hex = from_hex,
  compile = checking and compile or nil }
