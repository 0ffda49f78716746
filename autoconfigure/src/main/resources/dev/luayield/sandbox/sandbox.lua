-- The sandboxed base every script environment inherits from: the safe standard library,
-- each library handed to an invocation as its own copy, getfenv/setfenv that refuse the
-- sandbox's own functions, load that refuses bytecode and compiles with limit checks,
-- print to the host, and the per-invocation environment itself.
--
-- Exports into ctx: base, libs, guarded, env_template, env_template_for, env_mt, flush_output.

local ctx = ...
local G, config, REQ = ctx.G, ctx.config, ctx.REQ
local PRINT = config.requests.PRINT
local type, select, error, pcall, xpcall, tostring, tonumber = type, select, error, pcall, xpcall, tostring, tonumber
local rawget, rawset, next, pairs, ipairs = rawget, rawset, next, pairs, ipairs
local setmetatable, getmetatable, setfenv, getfenv = setmetatable, getmetatable, setfenv, getfenv
local loadstring = loadstring
local co_yield, co_isyieldable = coroutine.yield, coroutine.isyieldable
local str_byte = string.byte
local tbl_concat, tbl_insert, tbl_remove = table.concat, table.insert, table.remove
local math_floor, math_ceil = math.floor, math.ceil
local debug_getinfo, collectgarbage = debug.getinfo, collectgarbage
local check_limits, rethrow_if_killed, compile_checked = ctx.check_limits, ctx.rethrow_if_killed, ctx.compile_checked
local protected, invocation, is_sandbox_source = ctx.protected, ctx.invocation, ctx.is_sandbox_source

local base = {}
local libs = {}         -- libraries handed to each invocation as its own copy
invocation.output = {}  -- lines printed where the script could not yield

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

libs.coroutine = ctx.coroutine_lib
local string_lib = copy(string)
libs.string = string_lib
local table_lib = copy(table)
table_lib.insert = function(t, ...) return tbl_insert(guarded(t), ...) end
table_lib.remove = function(t, ...) return tbl_remove(guarded(t), ...) end
local sort_counted = table.sort
table_lib.sort = function(t, ...) return sort_counted(guarded(t), ...) end
libs.table = table_lib
libs.math = math
libs.bit = bit
libs.os = { time = ctx.os_time_counted, clock = os.clock, date = os.date }

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
  -- Compiling costs time and memory in proportion to the source, however few
  -- instructions the script spends on it: the limits are checked on every load, and a
  -- limit hit while compiling (which load itself reports as a mere failure) ends the
  -- script.
  check_limits()
  local f, err = compile_checked(chunk, name)
  rethrow_if_killed()
  check_limits()
  if f then
    setfenv(f, env or invocation.env)
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
    return invocation.env
  end
  refuse_sandbox_function(target, "getfenv")
  local env = getfenv(target)
  -- C functions answer the running thread's environment, which for the host coroutine is
  -- the real globals; in the sandbox the script's own globals stand for them.
  if env == G then return invocation.env end
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

base.print = function(...)
  local line = print_line(...)
  if co_isyieldable() then
    co_yield(REQ, PRINT, line)
  else
    local output = invocation.output
    output[#output + 1] = line
  end
end

-- Output printed where the script could not yield is handed to Java when the invocation
-- ends, as one request.
local function flush_output()
  local output = invocation.output
  if #output > 0 then
    invocation.output = {}
    co_yield(REQ, PRINT, tbl_concat(output, "\n"))
  end
end

setmetatable(base, { __index = function(_, name)
  local lib = libs[name]
  local env = invocation.env
  if lib ~= nil and env ~= nil then
    local own = copy(lib)
    rawset(env, name, own)
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
  if t ~= nil and t == invocation.env then
    return env_pairs(t)
  end
  return pairs(t)
end

-- The proxies go into each invocation's environment as its own fields: a script's `world`
-- is then found without a miss and a trip through the environment's __index. They are not
-- in `base`: an endpoint a grant leaves out must be as absent as any undefined global.
--
-- Makes a function that makes a fresh environment holding _G and the given proxies: a
-- table constructor with these keys is copied from a template in one step, where adding
-- them one by one to an empty table would grow its hash part several times (together
-- about half the cost of starting an invocation in the interpreter), and the proxies are
-- stored by the constructor, not by a loop over them per invocation.
local function env_template_for(globals)
  local fields = { "_G = false" }
  for global in pairs(globals) do
    -- Endpoint names are Lua identifiers (checked by Java before they get here).
    fields[#fields + 1] = global .. " = proxies." .. global
  end
  return loadstring("local proxies, env_mt, setmetatable = ...\n"
      .. "return function() local env = { " .. tbl_concat(fields, ", ") .. " } env._G = env "
      .. "return setmetatable(env, env_mt) end", "=luayield/sandbox")(globals, env_mt, setmetatable)
end
local env_template = env_template_for(ctx.proxies)


-- Libraries an application opted back into (lua.sandbox.allowed-libraries).
for _, name in ipairs(config.allowed_libraries or {}) do
  local lib = G[name] or G.package.loaded[name]
  if lib ~= nil then
    libs[name] = nil
    base[name] = lib
  end
end

-- No script may reach the real string table through the string metatable.
local string_mt = getmetatable("")
string_mt.__metatable = false

ctx.base = base
ctx.libs = libs
ctx.guarded = guarded
ctx.env_template = env_template
ctx.env_template_for = env_template_for
ctx.env_mt = env_mt
ctx.flush_output = flush_output
