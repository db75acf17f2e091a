/**
 * The NaCl service runtime: what sel_ldr does around untrusted code (spec/nacl-abi.md §3, §4, §6).
 *
 * <p>Embedding API: {@link jnbox.syscalls.Sandbox} runs one nexe from a
 * {@link jnbox.syscalls.SandboxConfig} and returns an exit status ({@link jnbox.syscalls.ExitCodes}).
 *
 * <p>Layout: {@link jnbox.syscalls.NaclSyscalls} is THE syscall table (number, name, handler,
 * support level, note, trace signature); the handlers live in area classes in
 * {@code jnbox.syscalls.calls} ({@code FileCalls}, {@code PathCalls}, {@code MemoryCalls},
 * {@code TimeCalls}, {@code TlsCalls}, {@code SyncCalls}, {@code DynCodeCalls},
 * {@code ProcessCalls}). {@code run} holds the per-program state ({@code NaclProcess}), guest
 * memory access for syscalls ({@code UserMemory}) and the call/return protocol of §4.1
 * ({@code SyscallGate}); {@code mem} the mapping table, brk and dynamic text; {@code fd} the
 * descriptor table and the stream/host-file descriptors; {@code startup} the §3 start state;
 * {@code time} clocks and randomness (host or deterministic); {@code trace} the strace text.
 *
 * <p>The run loop ({@code Sandbox}) alternates {@code engine.run(cpu, slice)} with the table:
 * a SYSCALL exit enters the gate, a FAULT prints sel_ldr's signal line, BUDGET checks
 * {@code --max-instructions}, UNIMPLEMENTED stops with jnbox's message.
 */
package jnbox.syscalls;
