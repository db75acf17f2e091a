package jnbox.emu.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles into Debian's {@code libunicorn.so.2} (and the few libc calls the shadow memory
 * needs), made with the FFM API: no JNI, no build-time dependency. The library is looked up once,
 * on first use; when it is missing every entry point throws {@link UnicornUnavailableException}
 * and {@link #isAvailable()} is false, so tests can skip with {@link #unavailableReason()}.
 */
final class UnicornLib {
    static final String LIBRARY = "libunicorn.so.2";
    static final String MISSING = "Unicorn 2 library (" + LIBRARY + ") not found: install Debian package libunicorn2";

    /** Function descriptors of the hook callbacks (unicorn.h typedefs). */
    static final FunctionDescriptor HOOK_CODE = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS);
    static final FunctionDescriptor HOOK_MEM = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS);
    static final FunctionDescriptor HOOK_EVENT_MEM = FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS);
    static final FunctionDescriptor HOOK_INTR = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS);
    static final FunctionDescriptor HOOK_INSN_INVALID = FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, ADDRESS);
    static final FunctionDescriptor HOOK_SYSCALL = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

    /** The handles; built once by the holder idiom so a missing library costs one failed lookup. */
    static final class H {
        static final Throwable FAILURE;
        static final MethodHandle VERSION, OPEN, CLOSE, STRERROR, MEM_MAP_PTR, MEM_UNMAP, REG_READ_BATCH,
                REG_WRITE_BATCH, EMU_START, EMU_STOP, HOOK_ADD, HOOK_ADD_INSN, HOOK_DEL, CTL_2LONG;
        static final MethodHandle MMAP, MUNMAP, MADVISE;

        static {
            MethodHandle[] h = new MethodHandle[18];
            Throwable failure = null;
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup uc = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
                SymbolLookup libc = linker.defaultLookup();
                h[0] = down(linker, uc, "uc_version", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                h[1] = down(linker, uc, "uc_open", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
                h[2] = down(linker, uc, "uc_close", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                h[3] = down(linker, uc, "uc_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
                h[4] = down(linker, uc, "uc_mem_map_ptr", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS));
                h[5] = down(linker, uc, "uc_mem_unmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
                h[6] = down(linker, uc, "uc_reg_read_batch", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
                h[7] = down(linker, uc, "uc_reg_write_batch", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
                h[8] = down(linker, uc, "uc_emu_start", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
                h[9] = down(linker, uc, "uc_emu_stop", FunctionDescriptor.of(JAVA_INT, ADDRESS));
                // uc_hook_add and uc_ctl are C-variadic: declare where the variadic part starts.
                h[10] = down(linker, uc, "uc_hook_add", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG),
                        Linker.Option.firstVariadicArg(7));
                h[11] = down(linker, uc, "uc_hook_del", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
                h[12] = down(linker, uc, "uc_hook_add", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT),
                        Linker.Option.firstVariadicArg(7));
                h[14] = down(linker, uc, "uc_ctl", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
                h[15] = down(linker, libc, "mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
                h[16] = down(linker, libc, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
                h[17] = down(linker, libc, "madvise", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
            } catch (Throwable t) {
                failure = t;
            }
            FAILURE = failure;
            VERSION = h[0]; OPEN = h[1]; CLOSE = h[2]; STRERROR = h[3]; MEM_MAP_PTR = h[4]; MEM_UNMAP = h[5];
            REG_READ_BATCH = h[6]; REG_WRITE_BATCH = h[7]; EMU_START = h[8]; EMU_STOP = h[9]; HOOK_ADD = h[10];
            HOOK_DEL = h[11]; HOOK_ADD_INSN = h[12]; CTL_2LONG = h[14]; MMAP = h[15]; MUNMAP = h[16]; MADVISE = h[17];
        }

        private static MethodHandle down(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd, Linker.Option... options) {
            MemorySegment sym = lookup.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " missing"));
            return linker.downcallHandle(sym, fd, options);
        }
    }

    private UnicornLib() {}

    /** True when libunicorn.so.2 loads and has every function the engine calls. */
    static boolean isAvailable() {
        return H.FAILURE == null;
    }

    /** Why the library cannot be used, or null when it can. */
    static String unavailableReason() {
        return H.FAILURE == null ? null : reason(H.FAILURE);
    }

    /** The one-line explanation for a failed load. */
    static String reason(Throwable failure) {
        String cause = failure.getMessage();
        return MISSING + (cause == null ? "" : " (" + cause + ")");
    }

    /** Throws {@link UnicornUnavailableException} unless the library is usable. */
    static void require() {
        if (H.FAILURE != null) throw new UnicornUnavailableException(unavailableReason(), H.FAILURE);
    }

    /** "major.minor" of the loaded library, e.g. "2.0". */
    static String version() {
        require();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT), minor = a.allocate(JAVA_INT);
            int v = (int) H.VERSION.invokeExact(major, minor);
            return major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) + " (0x" + Integer.toHexString(v) + ")";
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    static String strerror(int err) {
        try {
            MemorySegment s = (MemorySegment) H.STRERROR.invokeExact(err);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "uc_err " + err;
        }
    }

    /** Rethrows a Throwable from invokeExact unchanged (downcalls throw nothing checked in practice). */
    static RuntimeException sneaky(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
