-- The coroutine library scripts see. A host request yielded inside a script's own
-- coroutine travels up to Java and the reply comes back down to the exact call; the
-- script's own yields stay with it. The coroutine Java resumes (the host) is invisible,
-- as the main thread is in plain Lua, and resuming counts against the nesting limit,
-- since each level recurses on the native stack.
--
-- Exports into ctx: coroutine_lib.

local ctx = ...
local REQ = ctx.REQ
local type, error = type, error
local co_create, co_resume, co_yield = coroutine.create, coroutine.resume, coroutine.yield
local co_status, co_running, co_isyieldable = coroutine.status, coroutine.running, coroutine.isyieldable
local enter_nested, leave_nested, rethrow_if_killed = ctx.enter_nested, ctx.leave_nested, ctx.rethrow_if_killed
local invocation = ctx.invocation

local function is_host()
  return co_running() == invocation.host
end

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

ctx.coroutine_lib = {
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
    if co == invocation.host then return nil end
    return co
  end,
  isyieldable = function()
    return not is_host() and co_isyieldable()
  end,
}
