-- The endpoint proxies: `world:get_hp(e)` yields a request (REQ, id, args...) to Java's
-- resume loop and returns its reply, or raises the error it carries at the script's line.
-- Made once per state; read-only; each method's closure is made on its first use.
--
-- Exports into ctx: raise, proxies (global -> proxy), make_proxy (for grants, see
-- trampoline.lua), protected (tables no script may change), closures_made, count_callback.

local ctx = ...
local REQ, ERR = ctx.REQ, ctx.ERR
local NO_SUCH_METHOD = ctx.config.requests.NO_SUCH_METHOD
local error, select, tostring, rawset, setmetatable = error, select, tostring, rawset, setmetatable
local co_yield = coroutine.yield
local debug_getinfo = debug.getinfo

-- Raises an endpoint error at the script's calling line, `level` counting as error() does.
-- When the frame there is the trampoline's pcall, the script made a tail call
-- (`return world:f(x)`) and Lua kept no frame with its line: the error then names the
-- chunk alone. The position is added here, as error() would add it, so that an error
-- Java sent (`from_java`) is kept exactly as raised: the trampoline tells Java when the
-- chunk ends with that very error, and Java then knows its cause without reading text.
local invocation = ctx.invocation
local tail_note = ctx.tail_note
local function raise(message, level, from_java)
  level = level + 1
  local caller = debug_getinfo(level, "Sl")
  local above = caller and caller.what == "C" and debug_getinfo(level + 1, "f")
  if above and above.func == ctx.trampoline then
    local where = tail_note[1]
    if where == nil then
      local chunk = invocation.chunk and debug_getinfo(invocation.chunk, "S")
      where = chunk and chunk.short_src or "?"
    end
    message = where .. ": " .. message
  elseif caller and caller.currentline > 0 then
    message = caller.short_src .. ":" .. caller.currentline .. ": " .. message
  end
  if from_java then
    invocation.endpoint_error = message
  end
  error(message, 0)
end

-- Tables no script may change: the endpoint proxies and the string metatable.
local protected = setmetatable({}, { __mode = "k" })

local function deny()
  error("attempt to modify a read-only table", 2)
end

-- Counts proxy closures made, so tests can show they are made once per method per state.
local closures_made = 0

-- How deep the script is in callbacks that C functions run (a table.sort comparator, a
-- string.gsub replacement): from there no request can reach Java, because LuaJIT cannot
-- yield across the C function's frame. limits.call_nested counts them.
local callbacks = 0

local function refuse_in_callback(global, name)
  raise(global .. "." .. name .. ": endpoints cannot be called from inside a callback that a C function runs"
      .. " (a table.sort comparator, a string.gsub replacement, a __tostring that string.format calls...);"
      .. " call the endpoint before or after, and hand the callback its result", 3)
end

-- Proxy functions call reply in tail position, so level 2 is whoever called them.
local function reply(first, ...)
  if first == ERR then
    raise((...), 2, true)
  end
  return first, ...
end

-- A proxy for one endpoint: `ids` are the methods it offers ({ lua_name = id }); a grant
-- that narrows the endpoint makes one with a subset, and `all_ids` (all of the endpoint's)
-- then tells a method outside the grant from one the endpoint lacks.
local function make_proxy(global, ids, all_ids)
  local proxy = {}
  local methods = setmetatable({}, { __index = function(methods, name)
    local id = ids[name]
    local f
    if id == nil then
      -- Java answers with the message, suggesting the Lua name meant, or saying that the
      -- grant leaves the method out (NO_SUCH_METHOD). Not memoized: a script must not
      -- grow the shared table with names of its choosing.
      local method = tostring(name)
      return function()
        if callbacks ~= 0 then
          local granted = all_ids == nil or all_ids[name] == nil
          raise(global .. "." .. method .. (granted and ": no such method" or ": not granted to this invocation"), 2)
        end
        return reply(co_yield(REQ, NO_SUCH_METHOD, global, method))
      end
    end
    -- The usual `world:f(x)` takes the first branch, kept as short as it can be: `self`
    -- is a named parameter, so the arguments go on as they came (no select), and the
    -- reply is checked in place rather than through reply(...), a vararg call that made
    -- a measurable part of the whole call's cost (see docs/performance.md).
    f = function(self, ...)
      if callbacks ~= 0 then
        refuse_in_callback(global, name)
      end
      if self == proxy then
        local result, message = co_yield(REQ, id, ...)
        if result == ERR then
          raise(message, 2, true)
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

local proxies = {}
for global, ids in pairs(ctx.endpoints) do
  proxies[global] = make_proxy(global, ids)
end

ctx.raise = raise
ctx.proxies = proxies
ctx.make_proxy = make_proxy
ctx.protected = protected
ctx.closures_made = function() return closures_made end
ctx.count_callback = function(delta) callbacks = callbacks + delta end
