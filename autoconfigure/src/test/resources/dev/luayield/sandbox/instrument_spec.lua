-- instrument.lua: source in, instrumented text out. Called with the module's chunk;
-- returns "ok <n>" or the failures, one per line.
local make = ...
local checks = 0
local ctx = { config = { timeout_hook_interval = 3, jit = false }, check_limits = function() checks = checks + 1 end }
make(ctx)
local instrument, compile_checked = ctx.instrument, ctx.compile_checked

local failures, cases = {}, 0
local function expect(name, actual, expected)
  cases = cases + 1
  if actual ~= expected then
    failures[#failures + 1] = name .. ": expected [" .. tostring(expected) .. "] got [" .. tostring(actual) .. "]"
  end
end

local C = " luayield_count = luayield_count - 1 if luayield_count < 0 then luayield_count = luayield_check() end "

expect("loop body", (instrument("while x do y() end")), "while x do" .. C .. " y() end")
expect("repeat", (instrument("repeat y() until z")), "repeat" .. C .. " y() until z")
expect("goto", (instrument("::a:: goto a")), "::a:: " .. C .. "goto a")
expect("function entry", (instrument("local function f(a, b) x = a end")),
    "local function f(a, b)" .. C .. " x = a end")
expect("return noted", (instrument("x = 1\nreturn f(x)", false, "spec")), "x = 1\n luayield_note[1] = \"spec:2\" return f(x)")
expect("note quoted", (instrument("return 1", false, "we\"ird")), " luayield_note[1] = \"we\\\"ird:1\" return 1")
expect("anonymous function", (instrument("f = function() end")), "f = function()" .. C .. " end")
expect("keywords in strings", (instrument("s = 'do' .. \"repeat\" .. [[while do]]")),
    "s = 'do' .. \"repeat\" .. [[while do]]")
expect("keywords in comments", (instrument("-- do\n--[==[ repeat ]==] x = 1")), "-- do\n--[==[ repeat ]==] x = 1")
expect("escaped quotes", (instrument([[s = 'it\'s do' t = 1]])), [[s = 'it\'s do' t = 1]])
expect("names that only contain keywords", (instrument("redo = done")), "redo = done")
expect("numbers", (instrument("x = 0x1p4 + 1e5")), "x = 0x1p4 + 1e5")
expect("lines kept", select(2, (instrument("for i = 1, 2 do\nx()\nend")):gsub("\n", "")), 2)

local _, count, check, note = instrument("local luayield_count, luayield_check = 1, 2")
expect("shadow-proof count", count, "luayield_count1")
expect("shadow-proof check", check, "luayield_check1")
expect("shadow-proof note", note, "luayield_note1")
expect("shared tail note", ctx.tail_note ~= nil, true)

local jit_text = instrument("while true do end", true)
expect("jit countdown", jit_text, "while true do luayield_check()  end")

-- Compiled: the countdown runs check_limits every interval + 1 passes, lines unchanged.
local f = compile_checked("local n = 0 for i = 1, 20 do n = n + i end return n", "=spec")
checks = 0
expect("result", f(), 210)
expect("checks in 20 passes with interval 3", checks, 5)
local g = compile_checked("local x = 1\nerror('here')", "=spec")
local ok, message = pcall(g)
expect("error line", message, "spec:2: here")
local nothing, err = compile_checked("x = = 1", "=spec")
expect("syntax error", err, "spec:1: unexpected symbol near '='")

if #failures == 0 then
  return "ok " .. cases
end
return table.concat(failures, "\n")
