#!/usr/bin/env python3
"""The checksums the bench-*.s programs must print, computed from their algorithms in Python
(integers mod 2**64, IEEE doubles), independently of jnbox. Prints each program's expected
stdout for the default iteration count, or for the count given: bench-expected.py NAME [N]."""
import struct
import sys

M = (1 << 64) - 1


def bench_int(n=2000000):
    x, acc = 0x9E3779B97F4A7C15, 0
    for i in range(n - 1, -1, -1):      # rcx counts down from n; i = rcx - 1
        x ^= (x << 13) & M
        x ^= x >> 7
        x ^= (x << 17) & M
        acc = (acc + x + i + 1) & M
    return [f"iterations={n}", f"checksum={acc:#x}"]


def bench_call(n=30):
    calls = 0

    def fib(k):
        nonlocal calls
        calls += 1
        return k if k < 2 else fib(k - 1) + fib(k - 2)

    total = sum(fib(20) for _ in range(n))
    return [f"iterations={n}", f"sum={total}", f"calls={calls}"]


def bench_mem(n=1, limit=0x200000):
    count = total = 0
    for _ in range(n):
        sieve = bytearray(limit)
        i = 2
        while i * i < limit:
            if not sieve[i]:
                sieve[i * i::i] = b"\x01" * len(range(i * i, limit, i))
            i += 1
        primes = [p for p in range(2, limit) if not sieve[p]]
        count += len(primes)
        total += sum(primes)
    return [f"iterations={n}", f"primes={count}", f"sum={total}"]


def bench_string(n=200, length=0x10000):
    acc = 0
    for i in range(n):
        b = bytes([i & 255]) * length    # b[3..3+len) = a = fill(i & 255)
        acc = (acc * 31 + b[(i * 4099) % length] + i) & M
    return [f"iterations={n}", f"checksum={acc:#x}"]


def bits(d):
    return struct.unpack("<Q", struct.pack("<d", d))[0]


def bench_sse(n=1000000):
    acc, v = [0.0, 0.0], [0.0, 0.5]
    s, k1, t = [0x0123456789abcdef, 0xfedcba9876543210], [0x9e3779b97f4a7c15, 0x6a09e667f3bcc909], [0, 0]
    for _ in range(n):
        for lane in range(2):
            acc[lane] = (acc[lane] + v[lane] * v[lane]) * 0.75
            v[lane] += 1.0
            s[lane] = (s[lane] + k1[lane]) & M
        t = [t[1] ^ s[1], t[0] ^ s[0]]    # t ^= s, then swap the quadwords
    return [f"iterations={n}", f"acc0={bits(acc[0]):#x}", f"acc1={bits(acc[1]):#x}", f"t0={t[0]:#x}", f"t1={t[1]:#x}"]


PROGRAMS = {"bench-int": bench_int, "bench-call": bench_call, "bench-mem": bench_mem,
            "bench-string": bench_string, "bench-sse": bench_sse}

if __name__ == "__main__":
    names = sys.argv[1:2] or list(PROGRAMS)
    for name in names:
        f = PROGRAMS[name]
        lines = f(int(sys.argv[2])) if len(sys.argv) > 2 else f()
        print(f"# {name}")
        print("\n".join(lines))
