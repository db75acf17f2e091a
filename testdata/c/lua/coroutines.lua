-- Coroutines and error handling: create/resume/yield/wrap/status/isyieldable, pcall/xpcall/error.
local gen = coroutine.create(function(a, b)
  print("start", a, b, coroutine.isyieldable())
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e, "done"
end)
print("status", coroutine.status(gen), coroutine.isyieldable())
print("resume1", coroutine.resume(gen, 1, 2))
print("status", coroutine.status(gen))
print("resume2", coroutine.resume(gen, 10))
print("resume3", coroutine.resume(gen, 3, 4))
print("status", coroutine.status(gen))
print("resume dead", coroutine.resume(gen))
-- a producer/consumer pipeline with wrap
local function producer(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end end)
end
local acc = {}
for v in producer(6) do acc[#acc + 1] = v end
print("squares", table.concat(acc, " "))
-- an error inside a coroutine
local bad = coroutine.create(function() local x = nil; return x.field end)
local ok, msg = coroutine.resume(bad)
print("error in coroutine", ok, (msg:gsub("^.-:%d+: ", "")), coroutine.status(bad))
local w = coroutine.wrap(function() error("boom", 0) end)
print("wrap error", pcall(w))
print("running main", select(2, coroutine.running()))
-- pcall / xpcall / error objects and levels
print("pcall ok", pcall(function(a) return a * 2, "x" end, 21))
print("pcall string", pcall(error, "plain", 0))
local E = setmetatable({}, {__tostring = function(e) return "E(" .. e.code .. ")" end})
local ok2, obj = pcall(function() error(setmetatable({code = 7}, getmetatable(E))) end)
print("pcall object", ok2, tostring(obj), obj.code)
print("xpcall", xpcall(function() error("deep", 0) end, function(m) return "handled: " .. m end))
print("xpcall args", xpcall(function(a, b) return a .. b end, print, "p", "q"))
local ok3, m3 = pcall(function() return 1 + {} end)
print("arith error", ok3, (m3:gsub("^.-:%d+: ", "")))
local ok4, m4 = pcall(function() error("with position") end)
print("position", ok4, (m4:gsub("^.-:(%d+): ", "line %1: ")))
print("nested", pcall(pcall, error, "inner", 0))
print("tostring nil error", pcall(error))
-- error in __index and in a deep recursion
local ok5, m5 = pcall(function() local function f(n) return f(n + 1) + 1 end return f(1) end)
print("stack overflow caught", ok5, m5:find("stack overflow") ~= nil)
