-- limits.lua: nesting is counted and balanced, size guards and kills stick.
local make = ...
local ctx = {
  config = { memory_limit = 1024 * 1024, max_nesting = 3,
    outcomes = { DONE = 0, ERROR = 1, TIMEOUT = 2, MEMORY = 3, ENDPOINT_ERROR = 4 },
    messages = { TIME_LIMIT = "luayield: the script exceeded its time limit",
      MEMORY_LIMIT = "luayield: the script exceeded its memory limit" } },
  ffi = require("ffi"),
  is_sandbox_source = function(source) return source:sub(1, 10) == "=luayield/" end,
  raise = function(message) error(message, 0) end,
  count_callback = function() end,
  invocation = {},
}
make(ctx)

-- What the trampoline does as an invocation starts.
local function start(budget_ns, deadline_ns)
  local run = ctx.invocation
  run.deadline, run.budget_ns, run.killed, run.nesting = deadline_ns, budget_ns, false, 0
end

local failures, cases = {}, 0
local function expect(name, actual, expected)
  cases = cases + 1
  if actual ~= expected then
    failures[#failures + 1] = name .. ": expected [" .. tostring(expected) .. "] got [" .. tostring(actual) .. "]"
  end
end

local function nest(depth)
  if depth == 0 then return "bottom" end
  return ctx.call_nested(nest, depth - 1)
end
local co = coroutine.create(function()
  start(0, 0)
  expect("within the nesting limit", nest(3), "bottom")
  local ok, message = pcall(nest, 4)
  expect("past the nesting limit", ok, false)
  expect("nesting message", tostring(message):find("calls nested deeper than 3 levels", 1, true) ~= nil, true)
  expect("balanced after an error", nest(3), "bottom")
  local big_ok, big = pcall(ctx.guard_size, 2 * 1024 * 1024, "test")
  expect("size guard", big_ok, false)
  expect("size guard message", tostring(big):find("exceeded its memory limit of 1 MB (test of 2097152 bytes)", 1, true) ~= nil,
      true)
  expect("the kill sticks", (pcall(ctx.rethrow_if_killed)), false)
  local killed, outcome = ctx.kill_state()
  expect("kill outcome", outcome, ctx.OUTCOME_MEMORY)
  start(0, 0)
  expect("a new invocation starts clean", (pcall(ctx.rethrow_if_killed)), true)
  start(1e6, ctx.now_ns() - 1)
  local late_ok, late = pcall(ctx.check_limits)
  expect("deadline", late_ok, false)
  expect("deadline message", tostring(late):find("exceeded its time limit of 1 ms", 1, true) ~= nil, true)
  local _, timeout_outcome = ctx.kill_state()
  expect("timeout outcome", timeout_outcome, ctx.OUTCOME_TIMEOUT)
end)
local ok, err = coroutine.resume(co)
if not ok then failures[#failures + 1] = "spec failed: " .. tostring(err) end
expect("no limit is checked on the main thread", (pcall(ctx.check_limits)), true)

if #failures == 0 then
  return "ok " .. cases
end
return table.concat(failures, "\n")
