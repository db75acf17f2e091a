/**
 * x86-64 instruction decoder, driven by one opcode table written as data in the notation of the
 * Intel SDM vol. 2 (Appendix A): rows such as {@code op("01 /r", ADD, "Ev,Gv", LOCK, ZX)} in
 * {@link jnbox.emu.decode.OneByteMap}, {@link jnbox.emu.decode.TwoByteMap},
 * {@link jnbox.emu.decode.X87Map}, {@link jnbox.emu.decode.SseMap} ({@code 0F} MMX/SSE),
 * {@link jnbox.emu.decode.Sse38Map}, {@link jnbox.emu.decode.Sse3AMap},
 * {@link jnbox.emu.decode.ThreeDNowMap} and {@link jnbox.emu.decode.VexMap}.
 *
 * <h2>API</h2>
 * <ul>
 * <li>{@link jnbox.emu.decode.Decoder}: {@code Insn decode(byte[] buf, int off, int limit)}
 *     returns null on failure, then {@code error()} ({@link jnbox.emu.decode.DecodeError}) and
 *     {@code errorLength()} say why; never throws on garbage. One decoder per thread; a successful
 *     decode allocates one {@code Insn} and nothing else. The interpreter copies up to
 *     {@link jnbox.emu.decode.Decoder#MAX_LENGTH} bytes from guest memory into a buffer and
 *     decodes from it.
 * <li>{@link jnbox.emu.decode.Insn}: immutable decoded instruction: {@code length()},
 *     {@code op()}, prefixes ({@code hasOpSizePrefix()}, {@code lock()}, {@code rep()},
 *     {@code repne()}, {@code segment()}, {@code hasAddrSizePrefix()}, duplicate/ignored-REX
 *     flags), REX/VEX bits, ModRM ({@code regIndex()}/{@code rmIndex()} with extensions), memory
 *     operand ({@code baseReg()}, {@code indexReg()}, {@code scale()}, {@code disp()},
 *     {@code ripRelative()}), {@code imm()}, {@code imm2()}, {@code operandSize()},
 *     {@code operandBytes(i)}, {@code branchTarget(addr)}; {@code toString()} disassembles in AT&T
 *     syntax and {@code toIntel()} in Intel syntax (both as GNU objdump prints them).
 * <li>{@link jnbox.emu.decode.OpForm}: one table row, named in the manual's notation
 *     ({@code ADD_Ev_Gv}), with a dense {@code id()} for handler arrays, operands
 *     ({@link jnbox.emu.decode.Operand}: addressing method + size code), which operands are
 *     written, lockable, rep, CPU feature ({@link jnbox.emu.decode.CpuFeature}), VEX L/W/vvvv
 *     constraints, NaCl status ({@link jnbox.emu.decode.NaclStatus}) and NaCl zero-extension.
 * <li>{@link jnbox.emu.decode.Forms}: {@code all()}, {@code count()}, {@code byId}, {@code byName},
 *     {@code of(Mnemonic)}: enumerate forms (e.g. for "every form has semantics" tests).
 * </ul>
 *
 * <p>The decoder is hardware-faithful (SDM vol. 2 ch. 2); NaCl's stricter prefix rules are
 * checked by the validator from the {@code Insn} accessors and the form's attributes.
 */
package jnbox.emu.decode;
