/* stdin to stdout: counts lines, words and bytes, and echoes the lines upper-cased and reversed. */
// stdin: stdin.txt
#include <stdio.h>
#include <ctype.h>
#include <string.h>

int main(void) {
    char line[512];
    int lines = 0, words = 0; long bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        bytes += (long) n;
        lines++;
        int in = 0;
        for (size_t i = 0; i < n; i++) {
            if (isspace((unsigned char) line[i])) in = 0;
            else if (!in) { in = 1; words++; }
        }
        if (n && line[n - 1] == '\n') line[--n] = 0;
        for (size_t i = 0; i < n / 2; i++) { char t = line[i]; line[i] = line[n - 1 - i]; line[n - 1 - i] = t; }
        for (size_t i = 0; i < n; i++) line[i] = (char) toupper((unsigned char) line[i]);
        printf("%3d: %s\n", lines, line);
    }
    printf("lines %d words %d bytes %ld\n", lines, words, bytes);
    return lines % 256;
}
