/**
 * ELF files as sel_ldr reads them: {@link jnbox.elf.image.ElfImage#parse} checks the ELF header
 * and program header table (ELFCLASS64 and ELFCLASS32, spec/nacl-abi.md §1.1) and refuses bad
 * input with a {@link jnbox.elf.image.LoadException} carrying sel_ldr's exact message
 * ({@link jnbox.elf.image.LoadError}). {@link jnbox.elf.image.ImageSource} reads a file by position
 * so that no header value can make the loader read or allocate beyond the file.
 */
package jnbox.elf.image;
