/**
 * Putting a nexe and an IRT into a {@link jnbox.emu.mem.SandboxMemory} (spec/nacl-abi.md §1–2).
 *
 * <ul>
 *   <li>{@link jnbox.elf.load.NexeLayout}: sel_ldr's program header and layout rules, in its order,
 *       and the derived addresses;
 *   <li>{@link jnbox.elf.load.NexeLoader}: the load itself, with a {@link jnbox.elf.load.TextValidator}
 *       and a {@link jnbox.elf.load.ValidationMode}, giving a {@link jnbox.elf.load.LoadedNexe};
 *   <li>{@link jnbox.elf.load.IrtLoader}: the {@code -B} image, through an {@link jnbox.elf.load.IrtHost}
 *       that the runtime implements with its dyncode and mmap calls;
 *   <li>{@link jnbox.elf.load.NexeInspector}: the text of {@code jnbox inspect}.
 * </ul>
 */
package jnbox.elf.load;
