package jnbox.emu.unicorn;

/** The Unicorn 2 shared library could not be loaded or used; the message says what to install. */
public final class UnicornUnavailableException extends RuntimeException {
    public UnicornUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
