/* argv (from argv[1]) and selected environment variables through getenv and envp. */
// run: one "two words" "" ünïcødé
// env: JNBOX_GREETING=hello world
// env: JNBOX_OTHER=x=y
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv, char **envp) {
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d] = \"%s\" (%zu)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    const char *v = getenv("JNBOX_GREETING");
    printf("JNBOX_GREETING=%s\n", v ? v : "(unset)");
    printf("JNBOX_MISSING=%s\n", getenv("JNBOX_MISSING") ? "set" : "(unset)");
    int n = 0;
    for (char **e = envp; *e; e++) if (strncmp(*e, "JNBOX_", 6) == 0) { n++; printf("env %s\n", *e); }
    printf("JNBOX_ vars %d\n", n);
    return argc;
}
