-- The trampoline: the function Java resumes each invocation's coroutine with. It resets
-- what the previous invocation on this state left, makes the script a fresh environment,
-- runs the chunk inside pcall, and returns an outcome code first, decided from what the
-- sandbox knows (a limit it hit), never from the text of a message: OUTCOME_DONE and the
-- chunk's results, or an OUTCOME_* code and a description of the error.
--
-- A grant (see Grant.java) is built once per state by `grant` and handed to the trampoline
-- with each of its invocations: the environment then holds only the proxies it grants.
--
-- Exports into ctx: trampoline, grant.

local ctx = ...
local type, tostring, pcall, next, setfenv, getmetatable, error = type, tostring, pcall, next, setfenv,
    getmetatable, error
local str_find, tbl_concat = string.find, table.concat
local invocation, tail_note = ctx.invocation, ctx.tail_note
local kill_state, memory_exceeded = ctx.kill_state, ctx.memory_exceeded
local flush_output, env_template, proxies = ctx.flush_output, ctx.env_template, ctx.proxies
local env_template_for, make_proxy, endpoints = ctx.env_template_for, ctx.make_proxy, ctx.endpoints
local OUTCOME_DONE, OUTCOME_ERROR, OUTCOME_MEMORY = ctx.OUTCOME_DONE, ctx.OUTCOME_ERROR, ctx.OUTCOME_MEMORY
local OUTCOME_ENDPOINT_ERROR = ctx.config.outcomes.ENDPOINT_ERROR
local MEMORY_KILLED = ctx.MEMORY_KILLED

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
  local killed = kill_state()
  if killed then return killed end
  return "(error object: " .. type(value) .. ", whose __tostring failed)"
end

local function finish(ok, ...)
  if ok then
    -- Java asks the allocator's flag itself, so the usual ending checks nothing more.
    if invocation.output[1] ~= nil then
      pcall(flush_output)
    end
    invocation.env = nil
    return OUTCOME_DONE, ...
  end
  if memory_exceeded() then
    -- Nothing here may allocate: the allocator refuses every growth until the state goes.
    invocation.env = nil
    return OUTCOME_MEMORY, MEMORY_KILLED
  end
  local error_value = (...)
  -- The very error a proxy raised for a failed call (see proxies.lua): Java has its cause.
  local outcome = (error_value ~= nil and error_value == invocation.endpoint_error) and OUTCOME_ENDPOINT_ERROR
      or OUTCOME_ERROR
  invocation.endpoint_error = nil
  local message = describe(error_value)
  local killed, killed_outcome = kill_state()
  if killed then
    -- The error raised by the limit check carries the script's line; anything else the
    -- script raised afterwards (from a pcall it could not swallow) is replaced by the limit.
    outcome = killed_outcome
    if not str_find(message, killed, 1, true) then
      message = killed
    end
  end
  -- Output printed where the script could not yield is logged now, under this script,
  -- whether it failed or not.
  pcall(flush_output)
  invocation.output = {}
  invocation.env = nil
  return outcome, message
end

-- Java resumes a fresh or reused coroutine with (trampoline, chunk, budget, deadline, grant,
-- host, args...), the grant nil for one that grants everything, and host the coroutine
-- itself on its first invocation, nil after: coroutine.running() is a C call, dear enough
-- in the interpreter to show in an empty invocation.
-- Java reads the clock for the deadline (see LuaVm): through the FFI, the interpreter
-- would spend more on that one read than on all the rest of starting an invocation.
local function trampoline(chunk, budget_ns, deadline_ns, grant, host, ...)
  if host ~= nil then
    invocation.host = host
  end
  -- The limits' part first (see limits.lua): a deadline of 0 is none.
  invocation.deadline, invocation.budget_ns, invocation.killed, invocation.nesting = deadline_ns, budget_ns, false, 0
  tail_note[1] = nil
  if next(invocation.loaded) ~= nil then
    invocation.loaded = {}
  end
  if invocation.output[1] ~= nil then
    invocation.output = {}
  end
  invocation.endpoint_error = nil
  invocation.chunk = chunk
  local visible, template = proxies, env_template
  if grant ~= nil then
    visible, template = grant.proxies, grant.template
  end
  -- A fresh environment holding _G and the proxies (see sandbox.lua).
  local env = template()
  invocation.visible = visible
  invocation.env = env
  setfenv(chunk, env)
  -- The chunk runs inside a pcall: its errors end here, in the coroutine, where they are
  -- described under the invocation's limits, and the coroutine survives for the next
  -- invocation. LuaJIT lets the script's endpoint calls yield across this pcall.
  return finish(pcall(chunk, ...))
end

-- Builds what the invocations of one grant see, once per grant and state (Java keeps the
-- result): `spec` is { global = true } for an endpoint granted whole, { global = {
-- lua_name = true } } for one narrowed to some methods, which gets its own proxy with
-- only those. A method the proxy lacks goes the way of any missing method (Java then says
-- it is not granted), and Java refuses any other id besides.
local function grant(spec)
  local visible = {}
  for global, methods in next, spec do
    local ids = endpoints[global]
    if ids == nil then
      error("luayield: the grant names no endpoint '" .. tostring(global) .. "'", 0)
    end
    if methods == true then
      visible[global] = proxies[global]
    else
      local subset = {}
      for name in next, methods do
        subset[name] = ids[name] or error("luayield: the grant names no method '" .. global .. "." .. tostring(name)
            .. "'", 0)
      end
      visible[global] = make_proxy(global, subset, ids)
    end
  end
  return { proxies = visible, template = env_template_for(visible) }
end

invocation.visible = proxies
ctx.trampoline = trampoline
ctx.grant = grant
