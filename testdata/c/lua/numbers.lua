-- Integer and float arithmetic: division, modulo, wraparound, conversions, formatting, bitwise ops.
print("idiv", 7 // 2, -7 // 2, 7 // -2, -7 // -2, 7.0 // 2, -7.5 // 2)
print("mod", 7 % 3, -7 % 3, 7 % -3, -7 % -3, 5.5 % 2, -5.5 % 2, 5 % math.huge, -5 % math.huge)
print("div", 7 / 2, 1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 2^-1074, 2^1023 * 2)
print("wrap", math.maxinteger + 1 == math.mininteger, math.mininteger - 1, math.maxinteger * 2)
print("int ops", math.mininteger // -1, math.mininteger % -1, 3 * -4)
print("types", math.type(1), math.type(1.0), math.type("1"), math.type(2^31), 1 == 1.0)
print("tointeger", math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), math.tointeger(2^63))
print("floor/ceil", math.floor(-3.5), math.ceil(-3.5), math.floor(3.7), math.ceil(3.2), math.floor(2^62))
print("fmt17", string.format("%.17g %.17g %.17g", 0.1, 1 / 3, 2^0.5))
print("huge", math.huge, -math.huge, math.huge > math.maxinteger, math.pi)
local nan = 0 / 0
print("nan", nan ~= nan, nan == nan, math.max(1, 2, 3), math.min(-1, 4))
print("abs", math.abs(-5), math.abs(-5.5), math.abs(math.mininteger))
print("sqrt/exp/log", math.sqrt(2), math.exp(1), math.log(8, 2), math.log(100, 10), math.log(1))
print("trig", math.sin(0), math.cos(0), math.atan(1, 1) * 4, math.fmod(7, 3), math.fmod(-7, 3))
print("modf", math.modf(3.75), math.modf(-3.75), math.modf(5))
print("ult", math.ult(1, -1), math.ult(-1, 1))
print("bitwise", 0xF0 | 0x0F, 0xF0 & 0x3C, 0xF0 ~ 0xFF, ~5, 1 << 63, 1 << 64, -1 >> 60, 3.0 | 0)
print("shifts", 0x8000000000000000 >> 1, 1 << -1, 2 >> -1)
print("power", 2^10, 2^0.5, (-8)^(1/3) ~= (-8)^(1/3), 10^-2)
print("float/int eq", 2^53 == 2^53 + 1, math.maxinteger + 0.0 == 2^63, 1e308 * 10)
local sum = 0
for i = 1, 1000 do sum = sum + 1 / i end
print("harmonic", string.format("%.15f", sum))
local f = 0
for i = 1, 100 do f = f + 0.1 end
print("accumulate", f, f == 10, string.format("%.20f", f))
print("integer loop", (function() local s = 0 for i = -10, 10, 3 do s = s + i end return s end)())
print("float loop", (function() local n = 0 for x = 1, 2, 0.25 do n = n + 1 end return n end)())
print("string->number", "0x7fffffffffffffff" + 0, "1e1" + 0, math.type("10" + 0), math.type("10.0" + 0))
