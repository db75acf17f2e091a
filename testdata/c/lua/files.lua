-- File I/O on the /data mount through io.open.
local dir = arg[1] or "/data"
local f = assert(io.open(dir .. "/out.txt", "w"))
for i = 1, 5 do f:write("line ", i, "\n") end
f:close()
local n = 0
for line in io.lines(dir .. "/out.txt") do n = n + 1; io.write("[", line, "]") end
print()
print("lines", n)
local g = assert(io.open(dir .. "/out.txt", "r"))
print("all", #g:read("a"))
g:close()
print("remove", os.remove(dir .. "/out.txt"))
local ok, _, code = io.open(dir .. "/missing.txt", "r")
print("open missing", ok, code)
