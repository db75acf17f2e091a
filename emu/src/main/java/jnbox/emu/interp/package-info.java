/**
 * The interpreter engine: {@link jnbox.emu.interp.Interpreter} decodes basic blocks once into
 * {@code Uop}s, caches them per address, and executes them with {@code IntExec} (integer),
 * {@code StringExec}, {@code SseExec} (SSE/SSE2) and {@code X87Exec} (x87 state moves only), all on
 * top of {@link jnbox.emu.semantics}. Host-generated reference data for its tests lives in
 * {@code src/test/resources/interp} with the generators that produced it.
 */
package jnbox.emu.interp;
