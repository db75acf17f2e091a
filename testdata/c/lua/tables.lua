-- Tables: insert/remove/move/unpack/sort with comparators, length, nested tables, pairs order-free.
local t = {10, 20, 30}
table.insert(t, 40)
table.insert(t, 1, 5)
print("insert", #t, table.concat(t, " "))
print("remove", table.remove(t), table.remove(t, 1), #t, table.concat(t, " "))
print("move", table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), ","))
print("unpack", table.unpack({1, 2, 3}), table.unpack({1, 2, 3}, 2), select("#", table.unpack({}, 1, 3)))
print("pack", table.pack(1, nil, 3).n)
local people = {{name = "Cy", age = 30}, {name = "Al", age = 25}, {name = "Bo", age = 30}, {name = "Di", age = 20}}
table.sort(people, function(a, b) if a.age ~= b.age then return a.age > b.age end return a.name < b.name end)
local names = {}
for i, p in ipairs(people) do names[i] = p.name .. ":" .. p.age end
print("sort", table.concat(names, " "))
local words = {"pear", "Apple", "fig", "banana"}
table.sort(words)
print("sort strings", table.concat(words, " "))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print("sort by length", table.concat(words, " "))
local m = {}
for i = 1, 100 do m["k" .. i] = i * i end
local count, sum = 0, 0
for k, v in pairs(m) do count = count + 1; sum = sum + v end
print("pairs", count, sum)
local keys = {}
for k in pairs({x = 1, y = 2, z = 3, [1] = "a"}) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print("keys", table.concat(keys, ","))
local grid = {}
for i = 1, 3 do grid[i] = {} for j = 1, 3 do grid[i][j] = i * j end end
print("nested", grid[2][3], #grid, #grid[1])
local holes = {1, 2, nil, 4}
print("length with nil", #"abc", next({}), rawlen({1, 2}), rawequal(t, t))
local proxy = setmetatable({}, {__index = function(_, k) return k * 2 end, __len = function() return 99 end})
print("metatable", proxy[21], #proxy, rawget(proxy, 21))
local ro = setmetatable({}, {__newindex = function(_, k) error("read-only: " .. k, 2) end})
local okw, mw = pcall(function() ro.x = 1 end)
print("newindex", okw, (mw:gsub("^.-:(%d+): ", "line %1: ")))
print("concat sep", table.concat({1, 2.5, "x"}, "-", 2, 3))
