-- The real standard libraries, patched once per state where a C function can run script
-- code on the native stack, make far more than its input, or run for hours in one call.
-- The patches go into the real tables, so the string metatable (`s:gsub(...)`) reaches
-- them too, and every invocation's copy of a library starts from them.
--
-- Exports into ctx: os_time_counted, table_new_counted.

local ctx = ...
local type, select, tostring, tonumber, rawget = type, select, tostring, tonumber, rawget
local str_gsub, str_format, str_rep = string.gsub, string.format, string.rep
local tbl_sort, tbl_concat = table.sort, table.concat
local os_time = os.time
local call_nested, guard_size, check_limits = ctx.call_nested, ctx.guard_size, ctx.check_limits

-- Every C function that can call back into Lua is counted: LuaJIT runs such callbacks,
-- and the metamethods C code triggers, on a new native frame (table.sort's comparator or
-- __lt, gsub's replacement function or table's __index, string.format's __tostring,
-- os.time's __index). Metamethods the VM itself triggers need no count: LuaJIT runs them
-- on the Lua stack.
local function has_table(...)
  for i = 1, select("#", ...) do
    if type((select(i, ...))) == "table" then return true end
  end
  return false
end

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
ctx.os_time_counted = function(t)
  if type(t) == "table" then
    return call_nested(os_time, t)
  end
  return os_time(t)
end

-- Bytecode is refused everywhere a script could load it; the real library must not make
-- it either, since the string metatable reaches the real library (`(""):dump`).
string.dump = nil

string.rep = function(s, n, sep)
  local count = tonumber(n)
  if count and count > 0 then
    local unit = #tostring(s) + ((sep ~= nil) and #tostring(sep) or 0)
    guard_size(unit * count, "string.rep")
  end
  return str_rep(s, n, sep)
end

-- Without the native shim the memory limit is checked between instructions only, so the
-- C functions that can make far more than their input in one call check what they will
-- make first. With the shim the allocator refuses such growth itself, and these checks
-- would only cost time.
if not ctx.has_native_memory_limit and ctx.memory_limit_kb > 0 then
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
-- Lua (patterns.lua), which checks the limits as it works.
if ctx.patterns_chunk then
  local patterns = ctx.patterns_chunk(function() check_limits() end)
  local cheap, cheap_match, cheap_gmatch, cheap_gsub = patterns.cheap, patterns.cheap_match, patterns.cheap_gmatch,
      patterns.cheap_gsub
  local native_find, native_match, native_gmatch, native_gsub = string.find, string.match, string.gmatch, string.gsub
  local lua_find, lua_match, lua_gmatch, lua_gsub = patterns.find, patterns.match, patterns.gmatch, patterns.gsub
  local CACHE, RAW, LIMIT = patterns.CACHE, patterns.RAW, patterns.LIMIT
  -- The usual call (string subject and pattern, no init or a numeric one) on a pattern
  -- compiled before is judged by one comparison with the pattern's largest cheap subject:
  -- an init only ever shortens the subject the matcher sees. Anything else asks the full
  -- bound. Tail calls throughout: errors then point at the script's line.
  string.find = function(...)
    local s, p, init, plain = ...
    if (init == nil or type(init) == "number") and type(s) == "string" and type(p) == "string" then
      local cp = not plain and CACHE[p]
      if cp and cp.special then
        if #s < cp.max_subject then return native_find(...) end
      elseif (#s + 1) * #p <= LIMIT and (plain or cp) then
        return native_find(...)
      end
    end
    if cheap(...) then return native_find(...) end
    return lua_find(...)
  end
  string.match = function(...)
    local s, p, init = ...
    if (init == nil or type(init) == "number") and type(s) == "string" and type(p) == "string" then
      local cp = CACHE[p]
      if cp and #s < cp.max_subject then return native_match(...) end
    end
    if cheap_match(...) then return native_match(...) end
    return lua_match(...)
  end
  string.gmatch = function(...)
    local s, p = ...
    if type(s) == "string" and type(p) == "string" then
      local cp = RAW[p]
      if cp and #s < cp.max_subject then return native_gmatch(...) end
    end
    if cheap_gmatch(...) then return native_gmatch(...) end
    return lua_gmatch(...)
  end
  string.gsub = function(...)
    local s, p = ...
    if type(s) == "string" and type(p) == "string" then
      local cp = CACHE[p]
      if cp and #s < cp.max_subject then return native_gsub(...) end
    end
    if cheap_gsub(...) then return native_gsub(...) end
    return lua_gsub(...)
  end
end

-- table.new can ask for gigabytes of slots in one call; the native limit would refuse
-- them, the checks between instructions would not see them before they are made.
do
  local ok, table_new = pcall(require, "table.new")
  if ok then
    ctx.table_new_counted = function(narray, nhash)
      guard_size(((tonumber(narray) or 0) + (tonumber(nhash) or 0)) * 16, "table.new")
      return table_new(narray, nhash)
    end
  end
end
