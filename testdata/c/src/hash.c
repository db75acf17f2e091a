/* FNV-1a, djb2 and a CRC-32 over generated data; 64-bit arithmetic in ILP32. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const unsigned char *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint64_t fnv1a(const unsigned char *p, size_t n) {
    uint64_t h = 14695981039346656037ull;
    while (n--) { h ^= *p++; h *= 1099511628211ull; }
    return h;
}

static unsigned djb2(const char *s) {
    unsigned h = 5381;
    while (*s) h = h * 33 + (unsigned char) *s++;
    return h;
}

int main(void) {
    static unsigned char buf[65536];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) { x = x * 1103515245u + 12345u; buf[i] = (unsigned char) (x >> 16); }
    crc_init();
    const char *words[] = {"", "a", "abc", "message digest", "The quick brown fox jumps over the lazy dog"};
    for (int i = 0; i < 5; i++) {
        printf("%-45s crc=%08x fnv=%016llx djb2=%u\n", words[i],
               (unsigned) crc32((const unsigned char *) words[i], strlen(words[i])),
               (unsigned long long) fnv1a((const unsigned char *) words[i], strlen(words[i])), djb2(words[i]));
    }
    printf("buf crc=%08x fnv=%016llx\n", (unsigned) crc32(buf, sizeof buf), (unsigned long long) fnv1a(buf, sizeof buf));
    return 0;
}
