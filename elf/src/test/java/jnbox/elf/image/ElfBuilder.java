package jnbox.elf.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF files for tests, ELF64 or ELF32, with the program header table right after
 * the 64-byte header and the body (text) at file offset 0x10000 (≡ 0x20000 mod 64 KiB, as
 * sel_ldr's loading needs). Defaults give a loadable nexe: text R+X at 0x20000 holding
 * {@link #VALID_CODE}, no rodata, no data.
 */
public final class ElfBuilder {
    public static final int BODY_OFFSET = 0x10000;
    /** xor %edi,%edi; nops; call 0x103c0 (exit trampoline) ending the bundle; a bundle of hlt. */
    public static final byte[] VALID_CODE = validCode();

    public record Phdr(long type, long flags, long offset, long vaddr, long filesz, long memsz, long align) {}

    public int elfClass = 2;
    public byte[] magic = {0x7F, 'E', 'L', 'F'};
    public int osAbi = 123, abiVersion = 7;
    public int type = 2, machine = 62;
    public long version = 1;
    public long entry = 0x20000;
    public long phoff = 64, shoff = 0;
    public Integer ehsize, phentsize, phnum;
    public byte[] body = VALID_CODE.clone();
    public Integer fileSize;
    public final List<Phdr> phdrs = new ArrayList<>();

    public ElfBuilder() {
        text(VALID_CODE.length);
    }

    public static ElfBuilder elf32() {
        ElfBuilder b = new ElfBuilder();
        b.elfClass = 1;
        b.osAbi = 0;
        b.abiVersion = 0;
        return b;
    }

    public ElfBuilder text(long size) {
        phdrs.removeIf(p -> p.type == 1 && p.flags == 5);
        phdrs.add(0, new Phdr(1, 5, BODY_OFFSET, 0x20000, size, size, 0x10000));
        return this;
    }

    public ElfBuilder segment(long type, long flags, long offset, long vaddr, long filesz, long memsz) {
        phdrs.add(new Phdr(type, flags, offset, vaddr, filesz, memsz, 0x10000));
        return this;
    }

    /** rodata R at vaddr, backed by the body page (file offset 0x10000). */
    public ElfBuilder rodata(long vaddr, long filesz, long memsz) {
        return segment(1, 4, BODY_OFFSET + (vaddr & 0xFFFF), vaddr, filesz, memsz);
    }

    /** data RW at vaddr, backed by the body page at the same offset modulo 64 KiB. */
    public ElfBuilder data(long vaddr, long filesz, long memsz) {
        return segment(1, 6, BODY_OFFSET + (vaddr & 0xFFFF), vaddr, filesz, memsz);
    }

    public byte[] build() {
        boolean is64 = elfClass == 2;
        int entSize = phentsize != null ? phentsize : is64 ? 56 : 32;
        int count = phnum != null ? phnum : phdrs.size();
        int size = Math.max(BODY_OFFSET + body.length, 64 + phdrs.size() * 56);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(magic).put((byte) elfClass).put((byte) 1).put((byte) 1).put((byte) osAbi).put((byte) abiVersion);
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt((int) version);
        if (is64) {
            b.putLong(entry).putLong(phoff).putLong(shoff).putInt(0);
            b.putShort((short) (ehsize != null ? ehsize : 64));
        } else {
            b.putInt((int) entry).putInt((int) phoff).putInt((int) shoff).putInt(0);
            b.putShort((short) (ehsize != null ? ehsize : 52));
        }
        b.putShort((short) entSize).putShort((short) count);
        int o = 64;
        for (Phdr p : phdrs) {
            b.position(o);
            if (is64) {
                b.putInt((int) p.type).putInt((int) p.flags).putLong(p.offset).putLong(p.vaddr).putLong(p.vaddr)
                        .putLong(p.filesz).putLong(p.memsz).putLong(p.align);
                o += 56;
            } else {
                b.putInt((int) p.type).putInt((int) p.offset).putInt((int) p.vaddr).putInt((int) p.vaddr)
                        .putInt((int) p.filesz).putInt((int) p.memsz).putInt((int) p.flags).putInt((int) p.align);
                o += 32;
            }
        }
        b.position(BODY_OFFSET);
        b.put(body);
        byte[] out = b.array();
        return fileSize == null ? out : java.util.Arrays.copyOf(out, fileSize);
    }

    public ImageSource source() {
        return ImageSource.of(build());
    }

    private static byte[] validCode() {
        byte[] c = new byte[64];
        java.util.Arrays.fill(c, (byte) 0x90);
        c[0] = 0x31;
        c[1] = (byte) 0xFF;
        c[0x1B] = (byte) 0xE8;
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1C, 0x103C0 - 0x20020);
        java.util.Arrays.fill(c, 0x20, 0x40, (byte) 0xF4);
        return c;
    }
}
