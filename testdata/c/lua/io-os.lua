-- io on the mounted folder (write, read formats, seek, append, lines, rename, remove, errors) and os.
local dir = arg[1] or "/data"
local p = dir .. "/io-test.txt"
local f = assert(io.open(p, "w"))
f:write("12 3.5 0x10\n", "second line\n", "third\n")
print("seek end", f:seek("end"))
f:close()
f = assert(io.open(p, "r"))
print("numbers", f:read("n", "n", "n"))
print("rest of line", f:read("l"))
print("line", f:read("L"))
print("seek set", f:seek("set", 3), f:read(4))
print("seek cur", f:seek("cur", 1), f:read("l"))
print("all", #f:read("a"), f:read("a"), f:read("l"))
f:close()
f = assert(io.open(p, "a"))
f:write("appended\n")
f:close()
local n, last = 0
for line in io.lines(p) do n = n + 1; last = line end
print("lines", n, last)
for a, b in io.lines(p, 1, 2) do io.write("[", a, b, "]"); break end
print()
local q = dir .. "/renamed.txt"
print("rename", os.rename(p, q))
print("old gone", io.open(p, "r") == nil)
local ok, msg, code = io.open(dir .. "/no/such/file.txt", "r")
print("missing", ok, (msg:gsub("^.*: ", "")), code)
print("remove", os.remove(q))
print("remove again", select(3, os.remove(q)))
print("io.type", io.type(io.stdout), io.type(f), io.type(42))
local w = assert(io.open(dir .. "/bin.dat", "wb"))
w:write(string.char(0, 1, 2, 255))
w:close()
local r = assert(io.open(dir .. "/bin.dat", "rb"))
print("binary", r:read("a"):byte(1, -1))
r:close()
os.remove(dir .. "/bin.dat")
io.write("io.write ", 1, " ", 2.5, "\n")
-- os: deterministic properties only
local t0 = os.clock()
local x = 0
for i = 1, 200000 do x = x + i end
local t1 = os.clock()
print("clock", math.type(t0), t1 >= t0, x)
print("time is integer", math.type(os.time()), os.time() > 1600000000)
print("fixed time", os.time({year = 2000, month = 1, day = 1, hour = 12, min = 0, sec = 0}) - os.time({year = 2000, month = 1, day = 1, hour = 0}))
print("difftime", os.difftime(100, 40))
print("date fields", os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.date("!*t", 0).year)
print("getenv", os.getenv("JNBOX_SURELY_UNSET"))
