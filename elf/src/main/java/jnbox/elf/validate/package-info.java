/**
 * NaCl's x86-64 validator (spec nacl-validator.md), written from its rules with jnbox's own decoder.
 *
 * <p>Entry points: {@link jnbox.elf.validate.Validator#validate} in {@link jnbox.elf.validate.Mode#NCVAL}
 * (all CPU features, non-temporals accepted, messages exactly as ncval prints them) or
 * {@link jnbox.elf.validate.Mode#LOADER} (the loader's CPU features, hlt stub-out and sel_ldr's
 * non-temporal rewrites, the rewritten code in the result); {@link jnbox.elf.validate.Validator#canReplace}
 * for dyncode_modify; {@link jnbox.elf.validate.Validator#isOnInstructionBoundary} for the debug stub;
 * {@link jnbox.elf.validate.NexeText} and {@link jnbox.elf.validate.HexBytes} for the CLI.
 *
 * <p>How it works: the one opcode table is the emulator's ({@link jnbox.emu.decode.Forms}); each
 * row carries its NaCl status, CPU feature, written operands, zero-extension, lock and VEX facts.
 * {@link jnbox.elf.validate.NaclDecoder} decodes with {@link jnbox.emu.decode.Decoder} and applies
 * NaCl's prefix grammar and VEX strictness; {@link jnbox.elf.validate.NaclForm} flattens a row's facts
 * for the inner loop and {@link jnbox.elf.validate.NaclPolicy} holds the few rows NaCl's .def lists
 * differently from the manual; {@link jnbox.elf.validate.SpecialForms} holds the %rsp/%rbp special
 * instructions and the superinstruction shapes; {@link jnbox.elf.validate.ValidationRun} walks the
 * chunk bundle by bundle with the restricted-register state machine and the jump-target bitmaps.
 * The accepted set is listed in the test resource {@code validate/nacl-forms-listing.txt}.
 *
 * <p>Conformance: NaCl's 428 test cases with the jump-target sweep, 13,500 cases recorded with the
 * real ncval (test resources), and every nexe of the shared corpus and testdata.
 */
package jnbox.elf.validate;
