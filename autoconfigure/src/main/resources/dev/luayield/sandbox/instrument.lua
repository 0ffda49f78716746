-- Limit checks compiled into the scripts.
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
--
-- Exports into ctx: instrument (source in, text out), compile_checked, tail_note.

local ctx = ...
local config = ctx.config
local check_limits = ctx.check_limits
local loadstring, tostring = loadstring, tostring
local str_byte, str_sub, str_find, str_rep, str_format = string.byte, string.sub, string.find, string.rep,
    string.format
local tbl_concat = table.concat

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

-- Where each `return` is, noted before it runs: a script that tail-calls an endpoint
-- (`return world:get_hp(x)`) leaves no frame with its line, so an endpoint error names
-- the line of the last return the script passed instead. Shared by every chunk of the
-- state; reset by each invocation.
local tail_note = ctx.tail_note or {}

-- Returns the source with a countdown at every place one goes, and the names of the
-- countdown's two locals. It only needs to tell names, keywords and the parameter list
-- of `function` apart from strings, comments and numbers: the chunk has already
-- compiled, so it is known to be valid Lua.
local function instrument(source, jit, where)
  local parts, names, notes = {}, {}, {}
  local pos, len, copied = 1, #source, 1
  local awaiting_params, in_params = false, false
  local line, line_pos = 1, 1
  local function mark(at)
    parts[#parts + 1] = str_sub(source, copied, at - 1)
    parts[#parts + 1] = COUNTDOWN
    copied = at
  end
  local function line_at(at)
    while true do
      local newline = str_find(source, "\n", line_pos, true)
      if newline == nil or newline >= at then break end
      line, line_pos = line + 1, newline + 1
    end
    return line
  end
  local function note(at)
    parts[#parts + 1] = str_sub(source, copied, at - 1)
    parts[#parts + 1] = notes
    parts[#parts + 1] = (where or "?") .. ":" .. line_at(at)
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
      elseif word == "return" then
        note(pos)
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
  while names["luayield_count" .. suffix] or names["luayield_check" .. suffix] or names["luayield_note" .. suffix] do
    n = n + 1
    suffix = tostring(n)
  end
  local count, check, note_name = "luayield_count" .. suffix, "luayield_check" .. suffix, "luayield_note" .. suffix
  local countdown_text
  if jit then
    countdown_text = " " .. check .. "() "
  else
    countdown_text = " " .. count .. " = " .. count .. " - 1 if " .. count .. " < 0 then " .. count .. " = "
        .. check .. "() end "
  end
  local i = 1
  while i <= #parts do
    local part = parts[i]
    if part == COUNTDOWN then
      parts[i] = countdown_text
    elseif part == notes then
      parts[i] = " " .. note_name .. "[1] = "
      parts[i + 1] = str_format("%q", parts[i + 1]) .. " "
      i = i + 1
    end
    i = i + 1
  end
  return tbl_concat(parts), count, check, note_name
end

-- The name Lua gives a chunk in messages: "@combat/hit.lua" is "combat/hit.lua".
local function short_name(chunkname)
  local first = str_sub(chunkname or "", 1, 1)
  if first == "@" or first == "=" then
    return str_sub(chunkname, 2)
  end
  return "[string]"
end

-- Compiles a chunk with its limit checks: the chunk becomes a vararg function closed over
-- the countdown, on the same lines as the source. Returns nil and a message as loadstring
-- does.
local function compile_checked(source, chunkname)
  local f, err = loadstring(source, chunkname)
  if not f then
    return nil, err
  end
  local text, count, check, note = instrument(source, config.jit, short_name(chunkname))
  local outer, outer_err = loadstring("local " .. count .. ", " .. check .. ", " .. note
      .. " = ...; return function(...) " .. text .. "\nend", chunkname)
  if not outer then
    return nil, outer_err
  end
  return outer(interval, config.jit and tick or recount, tail_note)
end

ctx.instrument = instrument
ctx.tail_note = tail_note
ctx.compile_checked = compile_checked
