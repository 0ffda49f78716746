-- Lua patterns for the sandbox, written in Lua so that a pathological match can be
-- stopped. LuaJIT runs string.find/match/gmatch/gsub inside one C call, where the
-- countdowns compiled into script code never run; this matcher charges its work to
-- `step` instead, which may raise the sandbox's deadline error. The results, argument
-- coercions and error messages follow LuaJIT 2.1's lib_string.c, including its
-- recursion structure (so "pattern too complex" comes at the same depth).
--
-- `cheap*` bound the native functions' worst case for one call, so that the sandbox can
-- keep using them when they cannot run long.

local step = ...
if type(step) ~= 'function' then
  error('patterns.lua expects a step function', 2)
end

local byte, sub, char, sfind, srep = string.byte, string.sub, string.char, string.find, string.rep
local format = string.format
local concat = table.concat
local type, tostring, tonumber, error, pcall = type, tostring, tonumber, error, pcall
local setmetatable, getmetatable, select, pairs = setmetatable, getmetatable, select, pairs
local floor, ceil = math.floor, math.ceil

-- Work between two calls of step. Shared by all calls: it only spreads accounting,
-- and a per-call counter would cost a table access in the hottest loops.
local QUANTUM = 1000
local left = QUANTUM

local function flush()
  local used = QUANTUM - left
  left = QUANTUM
  if used > 0 then step(used) end
end

local function charge(k)
  left = left - k
  if left <= 0 then flush() end
end

-- Pattern errors travel as a boxed message to the API function, which re-raises the
-- message at its caller's level the way lj_err_caller does; anything else (the step
-- function's error, errors of a replacement function) passes through unchanged.
local PERR = {}
local function perr(msg)
  error(setmetatable({ msg = msg }, PERR), 0)
end

local function finish(ok, ...)
  if ok then
    flush()
    return ...
  end
  local e = ...
  if getmetatable(e) == PERR then
    flush()
    error(e.msg, 2)
  end
  error(e, 0)
end

local E_ENDS = "malformed pattern (ends with '%')"
local E_MISSING = "malformed pattern (missing ']')"
local E_FRONT = "missing '[' after '%f' in pattern"
local E_UNBAL = 'unbalanced pattern'
local E_COMPLEX = 'pattern too complex'
local E_CAPI = 'invalid capture index'
local E_CAPN = 'too many captures'
local E_CAPU = 'unfinished capture'
local E_PATC = 'invalid pattern capture'

local MAXCAPTURES = 32
local MAXDEPTH = 200 -- LJ_MAX_XLEVEL

-- C locale classes as LuaJIT's lj_char table has them: ASCII only.
local function range_set(t, a, b)
  for c = a, b do t[c] = true end
end

local BASE = {}
do
  local function new() return {} end
  local cntrl, space, digit, upper, lower, punct = new(), new(), new(), new(), new(), new()
  range_set(cntrl, 0, 31); cntrl[127] = true
  range_set(space, 9, 13); space[32] = true
  range_set(digit, 48, 57)
  range_set(upper, 65, 90)
  range_set(lower, 97, 122)
  range_set(punct, 33, 47); range_set(punct, 58, 64); range_set(punct, 91, 96); range_set(punct, 123, 126)
  local function union(...)
    local t = {}
    for k = 1, select('#', ...) do
      for c in pairs((select(k, ...))) do t[c] = true end
    end
    return t
  end
  local alpha = union(upper, lower)
  local xdigit = union(digit)
  range_set(xdigit, 65, 70); range_set(xdigit, 97, 102)
  BASE.a, BASE.c, BASE.d, BASE.l, BASE.p, BASE.s, BASE.u = alpha, cntrl, digit, lower, punct, space, upper
  BASE.w = union(alpha, digit)
  BASE.x = xdigit
  BASE.g = union(punct, alpha, digit)
  BASE.z = { [0] = true }
end

-- CLASS[b] is the membership table of `%` followed by byte b, for the bytes that name a
-- class; every table holds true or false for all 256 bytes so lookups never miss.
local CLASS = {}
for name, t in pairs(BASE) do
  local lo, up = {}, {}
  for c = 0, 255 do
    lo[c] = t[c] == true
    up[c] = t[c] ~= true
  end
  CLASS[byte(name)] = lo
  CLASS[byte(name) - 32] = up
end

local LITERAL = {}
local function literal(b)
  local t = LITERAL[b]
  if not t then
    t = {}
    for c = 0, 255 do t[c] = (c == b) end
    LITERAL[b] = t
  end
  return t
end

local DOT = {}
for c = 0, 255 do DOT[c] = true end

local function match_class(c, cl)
  local t = CLASS[cl]
  if t then return t[c] end
  return c == cl
end

-- matchbracketclass of lib_string.c; `a` is the '[' and `ec` the closing ']'.
local function in_set(p, a, ec, c)
  local sig = true
  if byte(p, a + 1) == 94 then
    sig = false
    a = a + 1
  end
  local q = a + 1
  while q < ec do
    local d = byte(p, q)
    if d == 37 then
      q = q + 1
      if match_class(c, byte(p, q)) then return sig end
    elseif byte(p, q + 1) == 45 and q + 2 < ec then
      if d <= c and c <= byte(p, q + 2) then return sig end
      q = q + 2
    elseif d == c then
      return sig
    end
    q = q + 1
  end
  return not sig
end

-- A set's membership is computed per byte on first use, so a huge set costs nothing
-- until bytes are tested against it, and at most 256 scans of it ever.
local function new_set(p, a, ec)
  local len = ec - a + 1
  return setmetatable({}, { __index = function(t, c)
    charge(len)
    local v = in_set(p, a, ec, c)
    t[c] = v
    return v
  end })
end

-- classend of lib_string.c: the position after the single-char class at pi.
local function classend(p, pi, L)
  local c = byte(p, pi)
  pi = pi + 1
  if c == 37 then
    if pi > L then return nil, E_ENDS end
    return pi + 1
  elseif c == 91 then
    if byte(p, pi) == 94 then pi = pi + 1 end
    repeat
      if pi > L then return nil, E_MISSING end
      local d = byte(p, pi)
      pi = pi + 1
      if d == 37 and pi <= L then pi = pi + 1 end
    until byte(p, pi) == 93
    return pi + 1
  end
  return pi
end

-- Item kinds of a compiled pattern.
local SINGLE, OPT, STAR, PLUS, MIN = 1, 2, 3, 4, 5
local OPEN, POSCAP, CLOSE, BAL, FRONT, BREF, EANCHOR, END, ERR = 6, 7, 8, 9, 10, 11, 12, 13, 14
local QUANT = { [63] = OPT, [42] = STAR, [43] = PLUS, [45] = MIN }

-- The items a pattern is made of, as the C matcher would meet them from its start;
-- the items after each one are fixed by the pattern text, so the list is linear. A
-- malformation becomes an ERR item, raised only if a match gets there, as in C.
-- For single-char items `arg` is a membership table and `cost` the class's length.
local function compile(p, start)
  local z = sfind(p, '\0', 1, true)
  if z then p = sub(p, 1, z - 1) end -- the C matcher stops at NUL
  local L = #p
  local kind, arg, arg2, cost = {}, {}, {}, {}
  local j, pi = 0, start
  while true do
    j = j + 1
    charge(1)
    local c = byte(p, pi)
    cost[j] = 1
    if c == nil then
      kind[j] = END
      break
    elseif c == 40 then
      if byte(p, pi + 1) == 41 then
        kind[j] = POSCAP
        pi = pi + 2
      else
        kind[j] = OPEN
        pi = pi + 1
      end
    elseif c == 41 then
      kind[j] = CLOSE
      pi = pi + 1
    elseif c == 36 and pi == L then
      kind[j] = EANCHOR
      pi = pi + 1
    else
      local n = byte(p, pi + 1)
      if c == 37 and n == 98 then
        if pi + 3 > L then
          kind[j], arg[j] = ERR, E_UNBAL
          break
        end
        kind[j], arg[j], arg2[j] = BAL, byte(p, pi + 2), byte(p, pi + 3)
        pi = pi + 4
      elseif c == 37 and n == 102 then
        pi = pi + 2
        if byte(p, pi) ~= 91 then
          kind[j], arg[j] = ERR, E_FRONT
          break
        end
        local ep, msg = classend(p, pi, L)
        if not ep then
          kind[j], arg[j] = ERR, msg
          break
        end
        charge(ep - pi)
        kind[j], arg[j], cost[j] = FRONT, new_set(p, pi, ep - 1), 2 * (ep - pi) + 2
        pi = ep
      elseif c == 37 and n and n >= 48 and n <= 57 then
        kind[j], arg[j] = BREF, n - 48
        pi = pi + 2
      else
        local ep, msg = classend(p, pi, L)
        if not ep then
          kind[j], arg[j] = ERR, msg
          break
        end
        local set
        if c == 46 then
          set = DOT
        elseif c == 37 then
          set = CLASS[n]
          if not set then
            set = literal(n)
            arg2[j] = n
          end
        elseif c == 91 then
          charge(ep - pi)
          set = new_set(p, pi, ep - 1)
          cost[j] = ep - pi + 1
        else
          set = literal(c)
          arg2[j] = c
        end
        arg[j] = set
        local q = QUANT[byte(p, ep) or 0]
        if q then
          kind[j] = q
          pi = ep + 1
        else
          kind[j] = SINGLE
          pi = ep
        end
      end
    end
  end
  return { kind = kind, arg = arg, arg2 = arg2, cost = cost, n = j }
end

-- Whether a byte class and the item at f can never both accept the first byte that f
-- looks at; used to prove that backtracking into a repetition fails at once.
local function disjoint(cp, j, f)
  local k = cp.kind[f]
  local set = cp.arg[j]
  if k == BAL then
    return not set[cp.arg[f]]
  elseif k ~= SINGLE and k ~= PLUS then
    return false
  end
  local other = cp.arg[f]
  local b = cp.arg2[f]
  if b then return not set[b] end
  b = cp.arg2[j]
  if b then return not other[b] end
  -- Classes are compared byte by byte only when both are short, so this stays cheap
  -- (at most 256 * 32 byte tests per item). The set lookups here are not charged as
  -- matcher work (see disjoint_uncharged): that keeps a call's work within its claimed
  -- bound when a collected pattern is rebuilt inside the call.
  if set ~= DOT and other ~= DOT and cp.cost[j] <= 16 and cp.cost[f] <= 16 then
    for c = 0, 255 do
      if set[c] and other[c] then return false end
    end
    return true
  end
  return false
end

local function disjoint_uncharged(cp, j, f)
  local saved = left
  local result = disjoint(cp, j, f)
  left = saved
  return result
end

-- An upper bound of the native matcher's steps for one match attempt, as polynomial
-- coefficients in m = (subject bytes from the start) + 1. Items are folded from the
-- end: W(j) bounds match() started at item j. A repetition multiplies the rest by m
-- unless backtracking into it provably fails in one step ("linear": the next consuming
-- item rejects every byte the repetition accepts, or is `$` or the pattern's end), and
-- a `?` doubles it under the same condition. %b and back-references scan up to m.
local function shape(cp)
  local kind, cost = cp.kind, cp.cost
  local coef = { [0] = 1 }
  local deg = 0
  for j = cp.n - 1, 1, -1 do
    local k, c = kind[j], cost[j]
    if k == SINGLE or k == OPEN or k == POSCAP or k == CLOSE or k == FRONT or k == EANCHOR then
      coef[0] = coef[0] + c
    elseif k == BAL or k == BREF then
      coef[0] = coef[0] + c
      if deg < 1 then deg = 1; coef[1] = 0 end
      coef[1] = coef[1] + 1
    else
      -- the follower, past capture marks (which neither consume nor fail)
      local f, skipped = j + 1, 0
      while kind[f] == OPEN or kind[f] == POSCAP or kind[f] == CLOSE do
        f = f + 1
        skipped = skipped + 1
      end
      local fk = kind[f]
      local linear = fk == END or fk == EANCHOR or disjoint_uncharged(cp, j, f)
      local fail = 2 + skipped + cost[f]
      if k == OPT then
        if linear then
          coef[0] = coef[0] + c + 1 + fail
        else
          for d = 0, deg do coef[d] = 2 * coef[d] end
          coef[0] = coef[0] + c + 1
        end
      elseif linear then
        coef[0] = coef[0] + c + 1
        if deg < 1 then deg = 1; coef[1] = 0 end
        coef[1] = coef[1] + c + fail
      else
        deg = deg + 1
        coef[deg] = 0
        for d = deg, 1, -1 do coef[d] = coef[d - 1] end
        coef[0] = c + 1
        coef[1] = coef[1] + c + 1
      end
    end
  end
  cp.coef, cp.deg = coef, deg
end

local LIMIT = 200000

-- The largest m (subject length + 1, from the first position) for which the native
-- bound (start positions) x (bound per attempt) stays within LIMIT. The bound grows with
-- m, so a caller that knows m can compare instead of evaluating the polynomial: the
-- sandbox's wrappers do that for the usual call, on a pattern seen before.
local function max_cheap_subject(cp)
  local function bound(m)
    local coef, v = cp.coef, cp.coef[cp.deg]
    for d = cp.deg - 1, 0, -1 do v = v * m + coef[d] end
    return (cp.anchor and 1 or m) * v
  end
  if bound(1) > LIMIT then return 0 end
  local lo, hi = 1, 2
  while hi < 2 ^ 31 and bound(hi) <= LIMIT do lo, hi = hi, hi * 2 end
  while hi - lo > 1 do
    local mid = floor((lo + hi) / 2)
    if bound(mid) <= LIMIT then lo = mid else hi = mid end
  end
  return lo
end

local function weak()
  return setmetatable({}, { __mode = 'v' })
end

-- Compiled patterns by pattern text: CACHE for find/match/gsub, where a leading '^'
-- anchors, and RAW for gmatch, where it is an ordinary byte as in LuaJIT 2.1.
local CACHE, RAW = weak(), weak()

local SPECIALS = '[%^%$%*%+%?%.%(%[%%%-]'

local function compiled(p)
  local cp = CACHE[p]
  if not cp then
    local anchor = byte(p) == 94
    cp = compile(p, anchor and 2 or 1)
    cp.anchor = anchor
    cp.special = sfind(p, SPECIALS) ~= nil
    shape(cp)
    cp.max_subject = max_cheap_subject(cp)
    CACHE[p] = cp
  end
  return cp
end

local function compiled_raw(p)
  local cp = RAW[p]
  if not cp then
    cp = compile(p, 1)
    cp.anchor = false
    shape(cp)
    cp.max_subject = max_cheap_subject(cp)
    RAW[p] = cp
  end
  return cp
end

-- The matcher: match() of lib_string.c with positions as 1-based indices. Captures
-- are ms[2l-1] (start) and ms[2l] (length, or -1 unfinished, -2 position).
local domatch

local function max_expand(ms, s, i, j, set)
  local k = 0
  if set == DOT then
    k = ms.len - i + 1
  else
    while true do
      local c = byte(s, i + k)
      if not (c and set[c]) then break end
      k = k + 1
      left = left - 1
      if left <= 0 then flush() end
    end
  end
  while k >= 0 do
    local r = domatch(ms, i + k, j + 1)
    if r then return r end
    k = k - 1
  end
  return nil
end

local function min_expand(ms, s, i, j, set)
  while true do
    local r = domatch(ms, i, j + 1)
    if r then return r end
    local c = byte(s, i)
    if c and set[c] then
      i = i + 1
    else
      return nil
    end
  end
end

local function same(s, a, b, len)
  -- Compared in slices so that a long back-reference is charged as it goes.
  while len > 0 do
    local w = len < 1024 and len or 1024
    charge(w)
    if sub(s, a, a + w - 1) ~= sub(s, b, b + w - 1) then return false end
    a, b, len = a + w, b + w, len - w
  end
  return true
end

domatch = function(ms, i, j)
  local depth = ms.depth + 1
  if depth > MAXDEPTH then perr(E_COMPLEX) end
  ms.depth = depth
  local s, cp = ms.s, ms.cp
  local kind, arg = cp.kind, cp.arg
  local res
  while true do
    left = left - 1
    if left <= 0 then flush() end
    local k = kind[j]
    if k == SINGLE then
      local c = byte(s, i)
      if c and arg[j][c] then
        i, j = i + 1, j + 1
      else
        break
      end
    elseif k == END then
      res = i
      break
    elseif k == STAR then
      res = max_expand(ms, s, i, j, arg[j])
      break
    elseif k == MIN then
      res = min_expand(ms, s, i, j, arg[j])
      break
    elseif k == PLUS then
      local c = byte(s, i)
      if c and arg[j][c] then res = max_expand(ms, s, i + 1, j, arg[j]) end
      break
    elseif k == OPT then
      local c = byte(s, i)
      if c and arg[j][c] then
        local r = domatch(ms, i + 1, j + 1)
        if r then
          res = r
          break
        end
      end
      j = j + 1
    elseif k == OPEN or k == POSCAP then
      local level = ms.level
      if level >= MAXCAPTURES then perr(E_CAPN) end
      ms[2 * level + 1] = i
      ms[2 * level + 2] = (k == OPEN) and -1 or -2
      ms.level = level + 1
      res = domatch(ms, i, j + 1)
      if not res then ms.level = level end
      break
    elseif k == CLOSE then
      local l = ms.level
      while l > 0 and ms[2 * l] ~= -1 do l = l - 1 end
      if l == 0 then perr(E_PATC) end
      ms[2 * l] = i - ms[2 * l - 1]
      res = domatch(ms, i, j + 1)
      if not res then ms[2 * l] = -1 end
      break
    elseif k == BAL then
      local b, e = arg[j], cp.arg2[j]
      if byte(s, i) ~= b then break end
      local cont, n, q = 1, ms.len, i + 1
      local found = false
      while q <= n do
        left = left - 1
        if left <= 0 then flush() end
        local c = byte(s, q)
        if c == e then
          cont = cont - 1
          if cont == 0 then
            found = true
            break
          end
        elseif c == b then
          cont = cont + 1
        end
        q = q + 1
      end
      if not found then break end
      i, j = q + 1, j + 1
    elseif k == FRONT then
      local prev = i == 1 and 0 or byte(s, i - 1)
      local cur = byte(s, i) or 0 -- C strings end in NUL
      local set = arg[j]
      if set[prev] or not set[cur] then break end
      j = j + 1
    elseif k == BREF then
      local l = arg[j] -- the digit; %1 is capture 1
      if l < 1 or l > ms.level or ms[2 * l] == -1 then perr(E_CAPI) end
      local len = ms[2 * l]
      -- a position capture's length is negative, hence huge as size_t: never matches
      if len < 0 or ms.len - i + 1 < len or not same(s, ms[2 * l - 1], i, len) then break end
      i, j = i + len, j + 1
    elseif k == EANCHOR then
      if i == ms.len + 1 then res = i end
      break
    else -- ERR
      perr(arg[j])
    end
  end
  ms.depth = depth - 1
  return res
end

-- push_onecapture of lib_string.c; `a`..`e` is the whole match.
local function capture(ms, l, a, e)
  if l > ms.level then
    if l == 1 then return sub(ms.s, a, e - 1) end
    perr(E_CAPI)
  end
  local len = ms[2 * l]
  if len == -1 then perr(E_CAPU) end
  if len == -2 then return ms[2 * l - 1] end
  local init = ms[2 * l - 1]
  return sub(ms.s, init, init + len - 1)
end

local function captures(ms, l, n, a, e)
  if l > n then return end
  return capture(ms, l, a, e), captures(ms, l + 1, n, a, e)
end

local function new_state(s, cp)
  return { s = s, len = #s, cp = cp, level = 0, depth = 0 }
end

-- Argument checks as lj_lib_checkstr / lj_lib_checkint; errors point at the caller
-- of the API function (argerror < check < API function < caller).
local function argerror(narg, fname, msg, level)
  error(format("bad argument #%d to '%s' (%s)", narg, fname, msg), level or 4)
end

local function checkstr(v, narg, fname, nargs)
  local t = type(v)
  if t == 'string' then return v end
  if t == 'number' then return tostring(v) end
  argerror(narg, fname, format('string expected, got %s', narg > nargs and 'no value' or t))
end

-- (int32_t)double as x86-64 does it: out of range and NaN become INT_MIN.
local function toint32(x)
  if not (x > -2147483649 and x < 2147483648) then return -2147483648 end
  if x >= 0 then return floor(x) end
  return ceil(x)
end

local function optnumber(v, narg, fname, nargs)
  if v == nil then return nil end
  local x = v
  if type(x) ~= 'number' then x = type(x) == 'string' and tonumber(x) or nil end
  if not x then
    argerror(narg, fname, format('number expected, got %s', narg > nargs and 'no value' or type(v)))
  end
  return x
end

-- The 0-based start offset of str_find_aux, clamped to the subject.
local function start_of(init, len)
  local st = init and toint32(init) or 1
  if st < 0 then st = st + len else st = st - 1 end
  if st < 0 then st = 0 end
  if st > len then st = len end
  return st
end

-- Plain search that stays interruptible: native searches over windows whose naive
-- worst case is small, and a linear KMP search when the needle is long.
local WINDOW_WORK = 65536

local function kmp(s, p, from)
  local m, n = #p, #s
  local fail = { [1] = 0 }
  local k = 0
  for q = 2, m do
    local c = byte(p, q)
    while k > 0 and byte(p, k + 1) ~= c do k = fail[k] end
    if byte(p, k + 1) == c then k = k + 1 end
    fail[q] = k
    left = left - 1
    if left <= 0 then flush() end
  end
  k = 0
  for q = from, n do
    local c = byte(s, q)
    while k > 0 and byte(p, k + 1) ~= c do
      k = fail[k]
      left = left - 1
      if left <= 0 then flush() end
    end
    if byte(p, k + 1) == c then k = k + 1 end
    if k == m then return q - m + 1 end
    left = left - 1
    if left <= 0 then flush() end
  end
  return nil
end

local function plain_search(s, p, st)
  local n, m = #s, #p
  if m == 0 then return st + 1 end
  if m > n - st then return nil end
  if m > 256 then return kmp(s, p, st + 1) end
  local w = floor(WINDOW_WORK / m)
  local a = st + 1
  local last = n - m + 1 -- the last possible start
  while a <= last do
    local b = a + w - 1
    if b > last then b = last end
    charge(floor((b - a + 1) * m / 64) + 1)
    local q = sfind(sub(s, a, b + m - 1), p, 1, true)
    if q then return a + q - 1 end
    a = b + 1
  end
  return nil
end

local M = {}

local function find_impl(s, p, init, plain, find)
  local len = #s
  local st = start_of(init, len)
  -- plain needles are never compiled: they may be huge and need no items
  local cp = not (find and plain) and compiled(p)
  if find and (plain or not cp.special) then
    local q = plain_search(s, p, st)
    if q then return q, q + #p - 1 end
    return nil
  end
  local ms = new_state(s, cp)
  local i = st + 1
  local anchor = cp.anchor
  while true do
    ms.level, ms.depth = 0, 0
    local e = domatch(ms, i, 1)
    if e then
      if find then return i, e - 1, captures(ms, 1, ms.level, i, e) end
      return captures(ms, 1, ms.level == 0 and 1 or ms.level, i, e)
    end
    i = i + 1
    if anchor or i > len + 1 then return nil end
  end
end

function M.find(...)
  local nargs = select('#', ...)
  local s, p, init, plain = ...
  s = checkstr(s, 1, 'find', nargs)
  p = checkstr(p, 2, 'find', nargs)
  init = optnumber(init, 3, 'find', nargs)
  return finish(pcall(find_impl, s, p, init, plain, true))
end

function M.match(...)
  local nargs = select('#', ...)
  local s, p, init = ...
  s = checkstr(s, 1, 'match', nargs)
  p = checkstr(p, 2, 'match', nargs)
  init = optnumber(init, 3, 'match', nargs)
  return finish(pcall(find_impl, s, p, init, nil, false))
end

function M.plain_find(...)
  local nargs = select('#', ...)
  local s, p, init = ...
  s = checkstr(s, 1, 'find', nargs)
  p = checkstr(p, 2, 'find', nargs)
  init = optnumber(init, 3, 'find', nargs)
  local st = start_of(init, #s)
  local q = plain_search(s, p, st)
  flush()
  if q then return q, q + #p - 1 end
  return nil
end

local function gmatch_next(g)
  local s, ms = g.s, g.ms
  local len = #s
  local i = g.pos
  while i <= len + 1 do
    ms.level, ms.depth = 0, 0
    local e = domatch(ms, i, 1)
    if e then
      g.pos = (e == i) and e + 1 or e -- progress past an empty match
      return captures(ms, 1, ms.level == 0 and 1 or ms.level, i, e)
    end
    i = i + 1
  end
  g.pos = i
  return -- no values at all, as the C iterator
end

function M.gmatch(...)
  local nargs = select('#', ...)
  local s, p = ...
  s = checkstr(s, 1, 'gmatch', nargs)
  p = checkstr(p, 2, 'gmatch', nargs)
  local g = { s = s, pos = 1 }
  g.ms = new_state(s, compiled_raw(p))
  return function()
    -- nested calls between iterations may have used the state's captures
    return finish(pcall(gmatch_next, g))
  end
end

-- A replacement string as literal pieces and capture numbers (0 = whole match).
local REPL = weak()
local function parse_repl(r)
  local parts = REPL[r]
  if parts then return parts end
  parts = {}
  local n, q, len = 0, 1, #r
  local lit = {}
  local function push_lit()
    if #lit > 0 then
      n = n + 1
      parts[n] = concat(lit)
      lit = {}
    end
  end
  while q <= len do
    local a = sfind(r, '%', q, true)
    if not a then
      lit[#lit + 1] = sub(r, q)
      break
    end
    lit[#lit + 1] = sub(r, q, a - 1)
    local c = byte(r, a + 1)
    if c and c >= 48 and c <= 57 then
      push_lit()
      n = n + 1
      parts[n] = c - 48
    else
      -- a trailing '%' copies the C string's terminating NUL
      lit[#lit + 1] = c and char(c) or '\0'
    end
    q = a + 2
  end
  push_lit()
  parts.n = n
  REPL[r] = parts
  return parts
end

local function gsub_impl(s, p, repl, tr, max_s)
  local cp = compiled(p)
  local ms = new_state(s, cp)
  local len = #s
  local out, o = {}, 0
  local parts = tr == 'string' and parse_repl(repl)
  local anchor = cp.anchor
  local i, copied, count = 1, 1, 0
  while count < max_s do
    ms.level, ms.depth = 0, 0
    local e = domatch(ms, i, 1)
    if e then
      count = count + 1
      if copied < i then
        o = o + 1
        out[o] = sub(s, copied, i - 1)
      end
      if parts then
        for k = 1, parts.n do
          local v = parts[k]
          if type(v) == 'number' then
            if v == 0 then
              v = sub(s, i, e - 1)
            else
              v = capture(ms, v, i, e)
              if type(v) == 'number' then v = tostring(v) end
            end
          end
          o = o + 1
          out[o] = v
        end
      else
        local v
        if tr == 'table' then
          v = repl[capture(ms, 1, i, e)]
        else
          v = repl(captures(ms, 1, ms.level == 0 and 1 or ms.level, i, e))
        end
        local tv = type(v)
        if not v then
          v = sub(s, i, e - 1)
        elseif tv == 'number' then
          v = tostring(v)
        elseif tv ~= 'string' then
          perr(format('invalid replacement value (a %s)', tv))
        end
        o = o + 1
        out[o] = v
      end
      copied = e
    end
    if e and e > i then
      i = e
    elseif i <= len then
      i = i + 1
    else
      break
    end
    if anchor then break end
  end
  if copied <= len then
    o = o + 1
    out[o] = sub(s, copied)
  end
  return concat(out, '', 1, o), count
end

-- luaL_optint: a 64-bit truncation cast to int.
local function toint_wrap(x)
  if x ~= x or x >= 9223372036854775808 or x < -9223372036854775808 then return 0 end
  x = x >= 0 and floor(x) or ceil(x)
  x = x % 4294967296
  if x >= 2147483648 then x = x - 4294967296 end
  return x
end

function M.gsub(...)
  local nargs = select('#', ...)
  local s, p, repl, n = ...
  s = checkstr(s, 1, 'gsub', nargs)
  p = checkstr(p, 2, 'gsub', nargs)
  local tr = type(repl)
  n = optnumber(n, 4, 'gsub', nargs)
  local max_s = n and toint_wrap(n) or #s + 1
  if tr == 'number' then
    repl, tr = tostring(repl), 'string'
  elseif not (tr == 'string' or tr == 'function' or tr == 'table') then
    argerror(3, 'gsub', 'string/function/table expected', 3)
  end
  return finish(pcall(gsub_impl, s, p, repl, tr, max_s))
end

-- Native worst cases. Arguments the native function rejects count as cheap: it
-- rejects them at once, with its own message.

local function eval(cp, m)
  local coef, deg = cp.coef, cp.deg
  local v = coef[deg]
  for d = deg - 1, 0, -1 do
    v = v * m + coef[d]
  end
  return v
end

local function subject(s)
  local t = type(s)
  if t == 'string' then return s end
  if t == 'number' then return tostring(s) end
  return nil
end

local function init_of(init)
  if init == nil then return 1 end
  if type(init) == 'number' then return init end
  return tonumber(init)
end

-- Bound of native string.find (or string.match, with find = false) steps.
local function cost(s, p, init, plain, find)
  s, p = subject(s), subject(p)
  init = init_of(init)
  if not (s and p and init) then return 0 end
  local len = #s
  local st = start_of(init, len)
  local cp = not (find and plain) and compiled(p)
  if find and (plain or not cp.special) then
    local m = #p
    if m > len - st then return 1 end
    return (len - st - m + 1) * (m > 0 and m or 1)
  end
  local m = len - st + 1
  return (cp.anchor and 1 or m) * eval(cp, m)
end

-- Compiling a new pattern is charged; the flush keeps that work out of the next call.
local function charged(v)
  if left ~= QUANTUM then flush() end
  return v
end

function M.cost(s, p, init, plain) return charged(cost(s, p, init, plain, true)) end
function M.cost_match(s, p, init) return charged(cost(s, p, init, nil, false)) end

function M.cost_gsub(s, p)
  s, p = subject(s), subject(p)
  if not (s and p) then return 0 end
  local cp = compiled(p)
  local m = #s + 1
  return charged((cp.anchor and 1 or m) * eval(cp, m))
end

function M.cost_gmatch(s, p)
  s, p = subject(s), subject(p)
  if not (s and p) then return 0 end
  local m = #s + 1
  return charged(m * eval(compiled_raw(p), m))
end

function M.cheap(s, p, init, plain) return M.cost(s, p, init, plain) <= LIMIT end
function M.cheap_match(s, p, init) return M.cost_match(s, p, init) <= LIMIT end
function M.cheap_gsub(s, p) return M.cost_gsub(s, p) <= LIMIT end
function M.cheap_gmatch(s, p) return M.cost_gmatch(s, p) <= LIMIT end

M.LIMIT = LIMIT
-- The compiled patterns, weak-valued, for the sandbox's fast check (max_subject).
M.CACHE, M.RAW = CACHE, RAW

return M
