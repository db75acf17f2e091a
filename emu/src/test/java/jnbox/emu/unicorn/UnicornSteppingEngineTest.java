package jnbox.emu.unicorn;

/** Every {@link UnicornEngineTest} again, with the engine counting by a hook on every instruction. */
class UnicornSteppingEngineTest extends UnicornEngineTest {
    @Override
    boolean stepping() {
        return true;
    }
}
