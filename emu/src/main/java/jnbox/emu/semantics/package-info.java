/**
 * x86-64 instruction semantics as pure static methods on primitives, shared by every engine that
 * executes guest code in Java (the interpreter now, the bytecode translator later through
 * {@code invokestatic}). {@link jnbox.emu.semantics.Flags} is the one rule set for the arithmetic
 * flags and their lazy form; {@link jnbox.emu.semantics.MxcsrFlags} the one for SIMD exception
 * flags under the default MXCSR, {@link jnbox.emu.semantics.SseMath} SIMD floating point under
 * any MXCSR (rounding control, FTZ, DAZ; FMA and round-to-integral included). Expected values in the tests come from the host CPU ({@code src/test/resources/semantics})
 * and the SDM.
 */
package jnbox.emu.semantics;
