package jnbox.cc;

/** An assembly line the rewriter cannot sandboxise; the message names the line. */
public final class RewriteException extends Exception {
    public RewriteException(String file, int line, String text, String reason) {
        super(file + ":" + line + ": cannot sandboxise `" + text.strip() + "`: " + reason);
    }
}
