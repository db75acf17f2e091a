/* File I/O under the folder given in argv[1] (a mount in jnbox): write, append, seek, read back,
// run: @DIR
 * rename, remove, and errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: fileio DIR\n"); return 2; }
    char path[256], path2[256];
    snprintf(path, sizeof path, "%s/test.txt", argv[1]);
    snprintf(path2, sizeof path2, "%s/renamed.txt", argv[1]);
    FILE *f = fopen(path, "w");
    if (!f) { printf("fopen w failed: %s\n", strerror(errno)); return 1; }
    for (int i = 0; i < 100; i++) fprintf(f, "line %d: %d\n", i, i * i);
    printf("ftell after write %ld\n", ftell(f));
    fclose(f);
    f = fopen(path, "a");
    fputs("appended\n", f);
    fclose(f);
    f = fopen(path, "r");
    char line[64];
    int n = 0; long total = 0;
    while (fgets(line, sizeof line, f)) { n++; total += (long) strlen(line); }
    printf("lines %d bytes %ld last %s", n, total, line);
    fseek(f, 10, SEEK_SET);
    fgets(line, sizeof line, f);
    printf("at 10: %s", line);
    fseek(f, -9, SEEK_END);
    printf("tail: %s", fgets(line, sizeof line, f));
    fclose(f);
    f = fopen(path, "rb");
    static char big[4096];
    size_t got = fread(big, 1, sizeof big, f);
    printf("fread %zu eof=%d\n", got, feof(f) != 0);
    fclose(f);
    printf("rename %d\n", rename(path, path2));
    printf("fopen old: %s\n", fopen(path, "r") ? "exists" : "gone");
    printf("remove %d\n", remove(path2));
    errno = 0;
    FILE *g = fopen(path2, "r");
    printf("after remove: %s errno=%s\n", g ? "exists" : "gone", errno == ENOENT ? "ENOENT" : "other");
    return 0;
}
