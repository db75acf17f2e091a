-- The string library: find/match/gsub/gmatch patterns, format, rep, byte/char, pack/unpack.
local s = "The quick brown fox jumps over the lazy dog 1234 times"
print("find", s:find("quick"), s:find("o", 15, true), s:find("%d+"), s:find("(%a+) (%a+)$"))
print("match", s:match("(%a+) fox"), s:match("%d+"), s:match("^(%w+)"), s:match("()lazy()"))
print("gsub", s:gsub("o", "0", 3))
print("gsub table", ("$name is $age"):gsub("%$(%w+)", {name = "Ann", age = 42}))
print("gsub pattern", ("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
print("frontier", ("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
print("balanced", ("f(a(b)c) g(d)"):match("%b()"))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w:lower() end
print("gmatch", #words, table.concat(words, ","))
print("format", string.format("%d %5d %-5d| %05.1f %e %g %g %x %X %o %c %s %q %%",
  42, -7, 3, 3.14159, 12345.678, 1e20, 0.1, 255, 255, 8, 65, "str", 'q"uote\n'))
print("format i", string.format("%i %.3s %10.4f %-10s|", 12, "abcdef", -1/3, "left"))
print("format a", string.format("%a %a", 1.0, 0.5))
print("rep", ("ab"):rep(4), ("ab"):rep(3, ", "), ("x"):rep(0))
print("byte/char", ("ABC"):byte(1, -1), string.char(104, 105))
print("sub", s:sub(5, 9), s:sub(-5), s:sub(-100, 3), s:sub(10, 5) == "")
print("upper/lower/len/reverse", ("MiXeD"):upper(), ("MiXeD"):lower(), #s, ("abc"):reverse())
local packed = string.pack("<i4 >I2 d z s1", -2, 513, 1.5, "zs", "len")
print("pack", #packed, (packed:gsub(".", function(c) return string.format("%02x", c:byte()) end)))
print("unpack", string.unpack("<i4 >I2 d z s1", packed))
print("packsize", string.packsize("i4 i8 d"), string.packsize("!8 i1 i8"))
print("tostring", tostring(12), tostring(1.5), tostring(-0.0), tostring(1e100), tostring(2^63))
print("tonumber", tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36), tonumber("bad"), tonumber("10", 2))
print("coercion", "10" + 5, "3" * "4", 10 .. 20, "2" ^ 2)
print("compare", "a" < "b", "Z" < "a", "abc" < "abd", "" < "a")
