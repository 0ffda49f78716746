-- Differential spec of patterns.lua against LuaJIT's own string functions: a
-- hand-written corpus, then a seeded random fuzz. Called with the compiled
-- patterns.lua chunk (and optionally the fuzz iteration count); returns a report
-- whose first line is "ok ..." when nothing differed.

local make, iterations = ...
iterations = iterations or 20000

local units = 0
local P = make(function(u) units = units + u end)

local pack = function(...) return { n = select('#', ...), ... } end

-- Calls written out so that LuaJIT names the function in argument errors; the
-- module always names it.
local NATIVE = {
  find = function(...) local r = pack(string.find(...)) return r end,
  match = function(...) local r = pack(string.match(...)) return r end,
  gsub = function(...) local r = pack(string.gsub(...)) return r end,
  gmatch = function(...)
    local it = string.gmatch(...)
    local out = { n = 0 }
    for _ = 1, 200 do
      local r = pack(it())
      out.n = out.n + 1
      out[out.n] = r
      if r[1] == nil then break end
    end
    return out
  end,
}

local MINE = {
  find = function(...) local r = pack(P.find(...)) return r end,
  match = function(...) local r = pack(P.match(...)) return r end,
  gsub = function(...) local r = pack(P.gsub(...)) return r end,
  gmatch = function(...)
    local it = P.gmatch(...)
    local out = { n = 0 }
    for _ = 1, 200 do
      local r = pack(it())
      out.n = out.n + 1
      out[out.n] = r
      if r[1] == nil then break end
    end
    return out
  end,
}

local function strip(e)
  if type(e) ~= 'string' then return e end
  return (e:gsub('^[^\n]-:%d+: ', '', 1))
end

local function show(v)
  if type(v) == 'string' then return (('%q'):format(v):gsub('\n', 'n')) end
  if type(v) == 'table' then
    local t = {}
    for i = 1, rawget(v, "n") or #v do t[i] = show(rawget(v, i)) end
    return '{' .. table.concat(t, ', ') .. '}'
  end
  return tostring(v)
end

local function same(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= 'table' then return a == b end
  -- tables other than packed results are error values, fresh on each side
  if rawget(a, 'n') == nil then return rawget(b, 'n') == nil end
  if a.n ~= b.n then return false end
  for i = 1, a.n do
    if not same(a[i], b[i]) then return false end
  end
  return true
end

local cases, failures, bound_checks = 0, {}, 0
local unbounded = false -- set while replacement functions do pattern work of their own

local function describe(name, args)
  local t = {}
  for i = 1, args.n do t[i] = type(args[i]) == 'function' and 'fn' or show(args[i]) end
  return name .. '(' .. table.concat(t, ', ') .. ')'
end

local function fail(msg)
  if #failures < 40 then failures[#failures + 1] = msg end
end

-- Replacement functions log their arguments, so both sides must call them alike.
local log
local function logging(f)
  return function(...)
    log[#log + 1] = show(pack(...))
    return f(...)
  end
end

local COST = { find = P.cost, match = P.cost_match, gsub = P.cost_gsub, gmatch = P.cost_gmatch }

local function check(name, ...)
  cases = cases + 1
  local args = pack(...)
  log = {}
  local nok, nres = pcall(NATIVE[name], ...)
  local nlog = log
  log = {}
  local bound = COST[name](...)
  local before = units
  local mok, mres = pcall(MINE[name], ...)
  local used = units - before
  local mlog = log
  if nok ~= mok or not same(nok and nres or strip(nres), mok and mres or strip(mres))
      or not same(pack(unpack(nlog)), pack(unpack(mlog))) then
    fail(describe(name, args) .. ': native ' .. tostring(nok) .. ' ' .. show(nok and nres or nres)
      .. ' / lua ' .. tostring(mok) .. ' ' .. show(mok and mres or mres))
    return
  end
  -- Our matcher mirrors the native one step for step, so its work must stay within the
  -- bound claimed for the native call (plus compiling the pattern).
  local p = args[2]
  local slack = 3 * (type(p) == 'string' and #p or 0) + 16
  if unbounded then return end
  bound_checks = bound_checks + 1
  if used > bound + slack then
    fail(describe(name, args) .. ': used ' .. used .. ' units, bound ' .. bound)
  end
end

-- Corpus ---------------------------------------------------------------------

local function both(s, p, ...)
  check('find', s, p, ...)
  check('match', s, p, ...)
end

local function all(s, p)
  check('find', s, p)
  check('match', s, p)
  check('gmatch', s, p)
  check('gsub', s, p, '<%0>')
end

-- plain strings and plain find
for _, c in ipairs {
  { 'hello world', 'o' }, { 'hello world', 'o w' }, { 'hello', '' }, { '', '' }, { '', 'a' },
  { 'a.b', '.', 1, true }, { 'a.b', '.' }, { 'a+b', '+', 1, true }, { 'a\0b\0c', '\0b' },
  { 'a\0b\0c', '\0', 3 }, { 'a\0b', 'b\0' }, { 'abc', 'abcd' }, { 'abcabc', 'bc', 3 },
  { 'abcabc', 'bc', -2 }, { 'abc', 'c', 100 }, { 'abc', '', 100 }, { 'abc', '', 4 },
  { 'abc', '', 3 }, { 'abc', 'a', 0 }, { 'abc', 'a', -100 }, { 'abc', 'b', 1e10 },
  { 'abc', 'b', -1e10 }, { 'abc', 'b', 2 ^ 31 }, { 'abc', 'b', -2 ^ 31 }, { 'abc', 'b', 0 / 0 },
  { 'abc', 'b', 2.9 }, { 'abc', 'b', -1.5 }, { 'abc', 'b', '2' }, { 'abc', 'b', ' 0x2 ' },
  { 'abc', 'b', 'x' }, { 'abc', 'b', true }, { 'abc', 'b', {} }, { 'abc', 'b', nil, 1 },
  { 'abc', 'b', nil, false }, { 'a*c', '*', 1, 'yes' }, { 'a[c', '[', 1, true },
  { 'a%c', '%', 1, true }, { 12345, 23 }, { 1.5, '.' }, { 1.5, '.', 1, true }, { 1e100, 'e' },
  { -0.0, '-' }, { 'x', 1 }, { 'aaa', 'aa', 2, true }, { 'xaxbxc', 'xc', 1, true },
} do
  check('find', unpack(c, 1, 4))
end

-- argument errors
check('find')
check('find', nil)
check('find', 'a')
check('find', nil, 'x')
check('find', {}, 'x')
check('find', 'x', {})
check('find', 'x', true)
check('match')
check('match', 'x')
check('match', 'x', 'x', {})
check('gmatch')
check('gmatch', 'x')
check('gmatch', nil, 'x')
check('gsub')
check('gsub', 'x')
check('gsub', 'x', 'x')
check('gsub', 'x', 'x', nil)
check('gsub', 'x', 'x', true)
check('gsub', 'x', 'x', 'y', 'n')
check('gsub', 'x', 'x', 'y', {})
check('gsub', 'x', 'x', true, {})
check('gsub', 'x', nil, 'y')
check('gsub', function() end, 'x', 'y')

-- single-char classes for every byte, in the C locale
for b = 0, 255 do
  local c = string.char(b)
  local names = 'acdglpsuwxzACDGLPSUWXZ'
  for k = 1, #names do
    local cl = names:sub(k, k)
    check('find', c, '%' .. cl)
    check('find', c .. 'x', '[%' .. cl .. ']')
    check('find', c, '[^%' .. cl .. ']')
  end
  check('find', c, '%' .. c)
  check('find', c, '[' .. c .. ']')
  check('find', c, '[^' .. c .. ']')
  check('find', 'a' .. c, '.' .. c)
  check('find', c, '[!-~]')
  check('find', c, '[%a-z]')
end

-- items, quantifiers, anchors
for _, p in ipairs {
  'a', '.', 'a*', 'a+', 'a-', 'a?', '.*', '.+', '.-', '.?', 'a*b', 'a+b', 'a-b', 'a?b', 'ab*',
  '^a', '^a*', '^', '^$', '$', 'a$', '^a$', 'a$b', '$a', 'a$$', '%$', '^^', 'a^', '^*', '*', '+',
  '-', '?', '**', 'a**', 'a*+', 'a-?', '[a]*', '[^a]+', '[a-c]+', '[c-a]+', '[a-]', '[-a]',
  '[a-%d]', '[%a-]', '[]]', '[^]]', '[]a]', '[^]a]', '[a%]]', '[%]]', '[%%]', '[%^]', '[^^]',
  '[%-a]', '[a-c-e]', '%a+', '%A+', '%d+%s*', '%w+', '%W', '%p', '%x+', '%u%l', '%z', '%Z+',
  '%.', '%%', '%*', '%-', '%[', '%]', '%(', '%)', '%q', '%Q', '%@', '%_', '%g+', '%G',
  '.-$', '.*$', 'a.-b', 'a.*b', '(a)(b)', '(a*(.)%w(%s*))', '()', '()a()', '(()a)', '((a))',
  '(a)%1', '(a*)%1', '()%1', '(a)(b)%2%1', '(.)%1+', '%bab', '%b()', '%b((', '%b))', '%bxy*',
  '%b%%', '%f[a]', '%f[%w]%w+', '%f[%W]', '%f[^a]', '%f[%z]', '%f[^%z]', '%f[a]*', 'x%f[a]',
  '%f[%l]%a', '(%f[b])', '%f[]]', '[%w_]+', '[%s%p]', '%w-%d', 'a?a?a?aaa', '(a?)(b?)',
  '(h)(e)(l)(l)(o)', '^(%w+)=(%w+)$', '(%w+)%s*=%s*(%w+)', '%s*(%S+)%s*', 'aa-$', '^%a*$',
} do
  for _, s in ipairs {
    '', 'a', 'b', 'aaa', 'ab', 'ba', 'aab', 'abb', 'abab', 'a$b', '$', '^a', 'a^', '*a',
    '(a(b)c)', '((a)', 'a)b(', 'xyy', 'hello world', 'key = val', 'THE (quick) fox',
    ' x y ', 'a\0b', '\0', 'a-b', 'a]b', 'aa--bb', 'a_1 b2', '%d', 'abcabc', 'hello',
  } do
    all(s, p)
  end
end

-- init, with and without anchors
for _, init in ipairs { -10, -3, -2, -1, 0, 1, 2, 3, 4, 5, 10 } do
  for _, p in ipairs { 'a', '^a', 'a*', '^a*', '', '^', '$', '()', '.-', 'b$', '%f[a]', '%f[%z]' } do
    both('aab', p, init)
    both('', p, init)
  end
end

-- malformed patterns, met or not met by the matcher
for _, p in ipairs {
  '%', 'a%', '[a', '[', '[^', '[]', '[^]', '[a%', '[%', '(', '((', ')', 'a)', '(a', '(()',
  '%b', '%ba', '%b\0', '%f', '%fa', '%f[a', '%f', '%0', '%1', '(a)%2', '(a%1)', '()%9', 'x%',
  'x[', 'x(', 'x)', 'b%', 'b[', 'b)', 'b%1', 'b%f', 'a\0%', '[a\0]', '%\0', 'a(b', '(a))',
  ('()'):rep(32), ('()'):rep(33), ('(a)'):rep(32), ('(a)'):rep(33), ('a?'):rep(198),
  ('a?'):rep(199), ('a?'):rep(200), ('a?'):rep(250), ('(a'):rep(31) .. ('a)'):rep(31),
  ('a*'):rep(210), ('%1'):rep(3),
} do
  all('aaa', p)
  all('ab', p)
  all('', p)
  all(('a'):rep(40), p)
end

-- capture limits on subjects that reach them
check('match', ('a'):rep(32), ('(a)'):rep(32))
check('match', ('a'):rep(33), ('(a)'):rep(33))
check('find', ('a'):rep(40), ('(a)'):rep(32))
check('gsub', ('a'):rep(40), ('(a)'):rep(32), '%9%1')

-- gmatch: empty matches, '^' is a plain byte
for _, c in ipairs {
  { 'abc', '' }, { 'abc', 'a*' }, { 'abc', '.-' }, { 'abc', '()' }, { 'abc', '^a' },
  { '^abc', '^a' }, { 'a,b,,c', '([^,]*)' }, { 'key=val, k2=v2', '(%w+)=(%w+)' },
  { 'one two  three', '%a+' }, { 'aaa', 'a?' }, { 'aXbXc', '%f[%u]' }, { '', '' }, { '', 'x*' },
  { 'x\0y\0', '%z' }, { 'x\0y\0', '[^%z]+' }, { 'abab', '(a)(b)' }, { 'abc', '$' },
  { 'abc', '.$' }, { 'a$b', '$' }, { 'abc', '()(.)' },
} do
  check('gmatch', c[1], c[2])
end

-- gsub: replacement strings, functions, tables, limits
local fn_concat = function(...) return table.concat({ ... }, '|') end
local fn_nil = function() return nil end
local fn_false = function() return false end
local fn_true = function() return true end
local fn_num = function() return 1.5 end
local fn_tab = function() return {} end
local fn_int = function(x) return 7 end
local fn_pos = function(...) return select('#', ...) end
local tab = { a = 'A', b = false, c = 1, d = {}, [2] = 'two', aa = 'AA' }
local tab_mt = setmetatable({}, { __index = function(_, k) return '<' .. tostring(k) .. '>' end })
for _, s in ipairs { '', 'abc', 'aabbcc', 'hello world', 'a,b,,c', 'x\0y', 'dcba' } do
  for _, p in ipairs { '', 'a', '^a', 'a*', '.', '^', '$', '(.)', '(a)(b)', '()', '()(.)', '%w+',
      '(%w)(%w)', '.-', 'b*', '^(.)', '(b?)', '%f[%w]', 'x*$' } do
    for _, r in ipairs {
      'x', '', '%0', '%1', '%2', '%%', '%', 'a%', '%a', '%.', '<%0|%1>', '%1%1%1', '%9', '%\0',
      'x\0y', 5, 2.5, -0.0, fn_concat, fn_nil, fn_false, fn_true, fn_num, fn_tab, fn_int, fn_pos,
      tab, tab_mt,
    } do
      local f = type(r) == 'function' and logging(r) or r
      check('gsub', s, p, f)
    end
    for _, n in ipairs { 0, 1, 2, -1, 1.7, '1', 1e10, -1e10, 2 ^ 32 + 1, 2 ^ 63, 0 / 0 } do
      check('gsub', s, p, '[%0]', n)
    end
  end
end
check('gsub', 'abc', '%w', logging(function() error('from repl') end))
check('gsub', 'abc', '%w', logging(function() error({}) end))
check('gsub', 'abc', '%w', '%')
check('gsub', 'hello world', '(o)', { o = '0' })
check('gsub', 'hello world', 'o', '0')
check('gsub', 'abc', '%f[%a]', '^')

-- the same calls after nested pattern calls from a replacement function
unbounded = true
check('gsub', 'a b c', '(%a)', logging(function(x)
  local inner = P.gsub(x .. x, '(.)', '%1-')
  return inner .. (P.match('zz', 'z') or '')
end))
unbounded = false

-- subjects with every byte
do
  local bytes = {}
  for b = 0, 255 do bytes[#bytes + 1] = string.char(b) end
  local s = table.concat(bytes)
  for _, p in ipairs { '%a+', '%c+', '%d+', '%g+', '%l+', '%p+', '%s+', '%u+', '%w+', '%x+',
      '%z', '[\128-\255]+', '[%z\1-\31]+', '[^%w]+', '%f[%w]%w+', '%f[%W]', '\255', '[\200-\210]' } do
    all(s, p)
  end
end

-- Fuzz -----------------------------------------------------------------------

local seed = 20261201
local function rand(n)
  seed = seed * 16807 % 2147483647
  return seed % n + 1
end
local function pick(t) return t[rand(#t)] end

local TOKENS = {
  'a', 'b', 'c', 'a', 'b', '.', '%a', '%d', '%w', '%s', '%p', '%l', '%u', '%x', '%c', '%z', '%A',
  '%W', '%S', '[ab]', '[^a]', '[a-c]', '[%a_]', '[]]', '[^]a]', '[%]]', '%b()', '%bab', '%f[a]',
  '%f[%w]', '%f[^a]', '(', ')', '()', '(', ')', '%1', '%2', '%0', '^', '$', '*', '+', '-', '?', '*',
  '+', '-', '?', '%', '[', '%%', '%.', '%(', '\0', ' ', '%b', '%f', 'a*', 'b+', '.-', 'a?', '.*',
}
local CHARS = { 'a', 'b', 'c', 'a', 'b', '(', ')', ' ', '1', '_', '.', '\0', 'A', '%', ']' }
local REPLS = { 'x', '%0', '<%1>', '%2', '%%', '%', '%a', '', '%1%0' }

local function random_pattern()
  local t = {}
  for k = 1, rand(6) do t[k] = pick(TOKENS) end
  return table.concat(t)
end

local function random_subject()
  local t = {}
  for k = 1, rand(11) - 1 do t[k] = pick(CHARS) end
  return table.concat(t)
end

local INITS = { 1, 2, 3, -1, -2, -4, 0, 20 }
for _ = 1, iterations do
  local p, s = random_pattern(), random_subject()
  local init = rand(3) == 1 and pick(INITS) or nil
  check('find', s, p, init)
  check('match', s, p, init)
  check('gmatch', s, p)
  local r = rand(12)
  if r <= #REPLS then
    check('gsub', s, p, REPLS[r], rand(4) == 1 and rand(3) - 1 or nil)
  elseif r == 10 then
    check('gsub', s, p, logging(fn_concat))
  elseif r == 11 then
    check('gsub', s, p, tab)
  else
    check('gsub', s, p, logging(fn_nil))
  end
end

if #failures > 0 then
  return 'FAILED ' .. #failures .. ' of ' .. cases .. ' cases (first 40):\n' .. table.concat(failures, '\n')
end
return 'ok ' .. cases .. ' cases, ' .. bound_checks .. ' cost bounds checked'
