-- Lua language basics: closures, metatables, varargs, integer/float, string formatting.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
c(); c()
print("counter", c())
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, V) end
V.__tostring = function(v) return string.format("(%g, %g)", v.x, v.y) end
local v = setmetatable({x = 1, y = 2}, V) + setmetatable({x = 0.5, y = -3}, V)
print("vector", tostring(v))
local function sum(...) local s = 0 for _, x in ipairs({...}) do s = s + x end return s, select("#", ...) end
print("sum", sum(1, 2, 3, 4.5))
print("int/float", 7 // 2, 7 / 2, 7 % 3, 2^10, math.maxinteger, math.mininteger, 1e15, 2^53)
print("bits", 0xff & 0x0f, 1 << 40, ~0, 5 ~ 3)
print(string.format("%5.2f|%-6s|%x|%q", math.pi, "ab", 255, "a\nb"))
local t = {}
for i = 1, 10 do t[#t + 1] = i * i end
print("concat", table.concat(t, ","))
table.sort(t, function(a, b) return a > b end)
print("sorted", table.concat(t, " "))
print("string", ("hello world"):upper(), ("abc"):rep(3, "-"), ("x=1, y=22"):gsub("%d+", function(d) return d * 2 end))
for k, w in string.gmatch("one=1 two=2 three=3", "(%w+)=(%w+)") do io.write(k, ":", w, " ") end
print()
print("pcall", pcall(function() error({code = 42}) end), select(2, pcall(error, "msg", 0)))
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
print("coroutine", co(1), co(10))
print("utf8", utf8.char(72, 228, 8364), utf8.len("häl€"))
