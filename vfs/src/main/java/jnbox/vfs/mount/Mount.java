package jnbox.vfs.mount;

import jnbox.vfs.fs.FileSystem;

/**
 * One entry of the mount table: a normalised absolute virtual path, the host label it
 * translates to (spec/nacl-abi.md §7.1; backslashes already slashes), whether it is writable,
 * and the file system serving it.
 */
public record Mount(String virt, String host, boolean writable, FileSystem fs) {}
