-- Recursion, loops and table-heavy work with deterministic output.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib(25)", fib(25))
local sieve, primes = {}, 0
for i = 2, 50000 do
  if not sieve[i] then primes = primes + 1 for j = i * i, 50000, i do sieve[j] = true end end
end
print("primes below 50000", primes)
local words = {}
for w in ("the quick brown fox jumps over the lazy dog the end"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", words[k], " ") end
print()
local s = 0
for i = 1, 200000 do s = s + math.sin(i) * math.sqrt(i) end
print(string.format("trig sum %.6f", s))
