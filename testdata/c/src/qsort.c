/* qsort with comparators on ints, strings and structs; bsearch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; double w; char name[12]; };

static int by_int(const void *a, const void *b) { int x = *(const int *) a, y = *(const int *) b; return (x > y) - (x < y); }
static int by_str(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }
static int by_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->w != y->w) return x->w < y->w ? 1 : -1;
    return x->key - y->key;
}

int main(void) {
    static int v[5000];
    unsigned s = 7;
    for (int i = 0; i < 5000; i++) { s = s * 1664525u + 1013904223u; v[i] = (int) (s >> 3) % 100000 - 50000; }
    qsort(v, 5000, sizeof v[0], by_int);
    long long sum = 0;
    for (int i = 0; i < 5000; i++) sum += (long long) v[i] * (i + 1);
    printf("min %d max %d median %d weighted %lld\n", v[0], v[4999], v[2500], sum);
    int key = v[1234];
    int *f = bsearch(&key, v, 5000, sizeof v[0], by_int);
    printf("bsearch %d found=%d\n", key, f != NULL && *f == key);
    char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape"};
    qsort(words, 8, sizeof words[0], by_str);
    for (int i = 0; i < 8; i++) printf("%s%c", words[i], i == 7 ? '\n' : ' ');
    struct rec r[6] = {{3, 1.5, "c"}, {1, 2.5, "a"}, {2, 1.5, "b"}, {6, 0.5, "f"}, {5, 2.5, "e"}, {4, 9.0, "d"}};
    qsort(r, 6, sizeof r[0], by_rec);
    for (int i = 0; i < 6; i++) printf("%s:%d:%.1f ", r[i].name, r[i].key, r[i].w);
    printf("\n");
    return 0;
}
