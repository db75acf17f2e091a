/**
 * The {@code jnbox} command line (picocli): {@code run}, {@code inspect}, {@code validate},
 * {@code syscalls}. {@link jnbox.cli.Main#run} is the in-process entry; options, exit statuses
 * and differences from sel_ldr are listed in {@code cli/README-cli.md}.
 */
package jnbox.cli;
