package jnbox.emu.unicorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import org.junit.jupiter.api.Test;

/** What a user sees when the library is missing, produced from a real failed lookup. */
class UnicornLibTest {
    @Test
    void missingLibraryMessageNamesTheDebianPackage() {
        Throwable failure;
        try (Arena arena = Arena.ofConfined()) {
            failure = catchThrowable(() -> SymbolLookup.libraryLookup("libunicorn-absent-for-test.so.2", arena));
        }
        assertThat(failure).isNotNull();
        String message = UnicornLib.reason(failure);
        assertThat(message).startsWith("Unicorn 2 library (libunicorn.so.2) not found: install Debian package libunicorn2");
        assertThat(message).doesNotContain("\n");
    }

    @Test
    void availabilityAndReasonAgree() {
        assertThat(UnicornEngine.unavailableReason() == null).isEqualTo(UnicornEngine.isAvailable());
        if (UnicornEngine.isAvailable()) assertThat(UnicornEngine.libraryVersion()).startsWith("2.");
    }
}
