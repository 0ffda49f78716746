-- LuaYield prelude: runs once per Lua state, on its main thread, before any script.
--
-- It wires the sandbox's modules (dev/luayield/sandbox/*.lua, each one concern, loaded by
-- LuaVm and handed over already compiled), in the order they depend on each other, and
-- returns what Java calls: the trampoline through which each invocation starts, the
-- builder of what a grant lets an invocation see, the compiler that adds limit checks,
-- and a few helpers.
--
-- Arguments: endpoints ({ global = { lua_name = id } }), config (see LuaVm), REQ and ERR
-- (light userdata markers: a host request among yields, an error reply from Java), and
-- the modules ({ name = compiled chunk }).
--
-- Every module captures what it uses as locals while the prelude runs. From then on a
-- global read or write by any sandbox function is a bug: it fails loudly instead of
-- reading what a script might have put there. So no script can change what sandbox code
-- does by changing a table it can reach, and setfenv/getfenv refuse every function whose
-- source is one of these files ("=luayield/...").

local endpoints, config, REQ, ERR, modules = ...

local G = _G
local error, tostring, setmetatable, setfenv, tonumber, unpack = error, tostring, setmetatable, setfenv, tonumber,
    unpack
local str_sub, str_char, tbl_concat = string.sub, string.char, table.concat

local function is_sandbox_source(source)
  return str_sub(source, 1, 10) == "=luayield/"
end

local initializing = true
local locked = setmetatable({}, {
  __index = function(_, name)
    if initializing then return G[name] end
    error("luayield's sandbox read the global '" .. tostring(name) .. "'", 2)
  end,
  __newindex = function(_, name, value)
    if initializing then G[name] = value return end
    error("luayield's sandbox wrote the global '" .. tostring(name) .. "'", 2)
  end,
  __metatable = false,
})
setfenv(1, locked)

local ctx = {
  G = G,
  config = config,
  endpoints = endpoints,
  REQ = REQ,
  ERR = ERR,
  ffi = G.require("ffi"),
  is_sandbox_source = is_sandbox_source,
  patterns_chunk = modules.patterns,
  -- The invocation now running: its environment, its chunk, the coroutine Java resumes.
  invocation = {},
}

if modules.patterns then
  setfenv(modules.patterns, locked)
end
for _, name in G.ipairs({ "limits", "instrument", "libraries", "proxies", "coroutines", "sandbox", "require",
    "trampoline" }) do
  local chunk = modules[name] or error("luayield: sandbox module '" .. name .. "' is missing")
  setfenv(chunk, locked)
  chunk(ctx)
end

if not config.jit then
  G.jit.off()
end

-- Compiles a script or module for Java.
local compile_checked = ctx.compile_checked
local function compile(source, chunkname)
  local f, err = compile_checked(source, chunkname)
  if not f then
    error(err, 0)
  end
  return f
end

-- Java hands over strings JNI cannot carry (NUL bytes, characters beyond the BMP) as hex.
-- Decoded by plain loops: no callback, nothing shared, nothing a script can change.
local function from_hex(hex)
  local parts, bytes = {}, {}
  local n = 0
  for i = 1, #hex - 1, 2 do
    n = n + 1
    bytes[n] = tonumber(str_sub(hex, i, i + 1), 16)
    if n == 4096 then
      parts[#parts + 1] = str_char(unpack(bytes, 1, n))
      n = 0
    end
  end
  parts[#parts + 1] = str_char(unpack(bytes, 1, n))
  return tbl_concat(parts)
end

local closures_made, clock_reads = ctx.closures_made, ctx.clock_reads
local function stats()
  return closures_made(), clock_reads()
end

initializing = false

return { trampoline = ctx.trampoline, grant = ctx.grant, stats = stats, clock = ctx.now_ns, from_hex = from_hex,
  compile = compile }
