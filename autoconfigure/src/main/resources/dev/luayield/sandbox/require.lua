-- require: Lua modules under the script location, compiled once per state (Java hands
-- over the compiled chunk through a host request with id -1) and run once per invocation,
-- so module state never leaks from one invocation to the next. The standard libraries the
-- sandbox offers can be required by name too, as in plain Lua.
--
-- Installs base.require; the trampoline resets invocation.loaded.

local ctx = ...
local REQ, ERR = ctx.REQ, ctx.ERR
local REQUIRE = ctx.config.requests.REQUIRE
local type, error, rawget, setfenv = type, error, rawget, setfenv
local co_yield, co_isyieldable = coroutine.yield, coroutine.isyieldable
local base, libs, invocation, raise = ctx.base, ctx.libs, ctx.invocation, ctx.raise

local modules = {}        -- name -> compiled chunk, for the life of the state
local builtin_modules = {}
if ctx.table_new_counted then
  builtin_modules["table.new"] = ctx.table_new_counted
end
do
  local ok, table_clear = pcall(require, "table.clear")
  if ok then
    local guarded = ctx.guarded
    builtin_modules["table.clear"] = function(t) return table_clear(guarded(t)) end
  end
end
invocation.loaded = {}   -- name -> module value, for the current invocation
local LOADING = {}

base.require = function(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
  end
  local loaded = invocation.loaded
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
  local env = invocation.env
  -- A library, or an endpoint this invocation sees (one its grant leaves out is no more
  -- than a module name).
  if libs[name] ~= nil or type(rawget(base, name)) == "table" or invocation.visible[name] ~= nil then
    local lib = env[name]
    loaded[name] = lib
    return lib
  end
  local chunk = modules[name]
  if chunk == nil then
    if not co_isyieldable() then
      error("module '" .. name .. "' cannot be loaded from inside a callback; require it earlier", 2)
    end
    local first, message = co_yield(REQ, REQUIRE, name)
    if first == ERR then
      raise(message, 2)
    end
    chunk = first
    modules[name] = chunk
  end
  loaded[name] = LOADING
  setfenv(chunk, env)
  local result = chunk(name)
  if result == nil then
    result = true
  end
  loaded[name] = result
  return result
end

