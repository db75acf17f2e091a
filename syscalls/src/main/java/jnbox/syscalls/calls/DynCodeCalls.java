package jnbox.syscalls.calls;

import jnbox.syscalls.run.NaclProcess;
import jnbox.syscalls.table.SyscallArgs;

/** Dynamic code (spec/nacl-abi.md §4.7). */
public final class DynCodeCalls {
    private DynCodeCalls() {}

    /** dyncode_create (104): the source is copied first (EFAULT), then checked, validated and installed (§4.7). */
    public static int create(NaclProcess p, SyscallArgs a) {
        long size = a.len(2);
        byte[] code = p.user().read(a.ptr(1), (int) Math.min(size, Integer.MAX_VALUE - 8));
        p.dynamicText().create(a.ptr(0), code);
        return 0;
    }

    /** dyncode_modify (105): the patch is copied first (EFAULT), then checked as a replacement (§4.7). */
    public static int modify(NaclProcess p, SyscallArgs a) {
        byte[] patch = p.user().read(a.ptr(1), (int) Math.min(a.len(2), Integer.MAX_VALUE - 8));
        p.dynamicText().modify(a.ptr(0), patch);
        return 0;
    }

    /** dyncode_delete (106) (§4.7). */
    public static int delete(NaclProcess p, SyscallArgs a) {
        p.dynamicText().delete(a.ptr(0), a.len(1));
        return 0;
    }
}
