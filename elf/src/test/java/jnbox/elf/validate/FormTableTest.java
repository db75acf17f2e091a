package jnbox.elf.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invariants of the validator's form table and the rejection of malformed rows. */
class FormTableTest {
    private final FormTable table = FormTable.get();

    @Test
    void noTwoRowsClaimTheSameEncoding() {
        Map<String, Form> seen = new HashMap<>();
        for (Form f : table.all()) {
            String key = f.map + "/" + f.opcode + "/" + f.regExt + "/" + f.fixedModrm + "/" + f.suffix + "/"
                    + f.rmKind + "/" + f.mandatory + "/" + f.o16 + "/" + f.rexW + "/" + f.noRex + "/" + f.vexL
                    + "/" + f.vexW;
            Form other = seen.put(key, f);
            assertThat(other).as("%s duplicates %s", f, other).isNull();
        }
        assertThat(table.all()).hasSizeGreaterThan(1000);
    }

    @Test
    void attributesAreConsistent() {
        for (Form f : table.all()) {
            if (f.zeroExtends) {
                assertThat(f.writeSrc).as("%s: zero-extending without a written register", f).isNotEmpty();
            }
            if (f.lock) {
                assertThat(f.rmKind).as("%s: lock needs a memory form", f).isNotEqualTo(Form.RM_REG);
                assertThat(f.hasModrm).as(f.toString()).isTrue();
            }
            if (f.isVex()) {
                assertThat(f.feature).as("%s: VEX row without CPU feature", f).isNotNull();
                assertThat(f.lock || f.hint || f.o16 || f.noRex).as(f.toString()).isFalse();
            }
            if (f.modifiable) {
                assertThat(f.map).as("%s: only mov and call are modifiable", f).isEqualTo(Form.MAP_1B);
            }
        }
    }

    @Test
    void malformedRowsAreRejected() {
        assertThatThrownBy(() -> FormTable.parse("01 /r add &Ev,Gv ; lock\n"))
                .hasMessageContaining("expected 3 columns");
        assertThatThrownBy(() -> FormTable.parse("01 /r ; add &Ev,Xv ; lock\n"))
                .hasMessageContaining("unknown operand");
        assertThatThrownBy(() -> FormTable.parse("01 /r ; add &Ev,Gv ; locked\n"))
                .hasMessageContaining("unknown attribute");
        assertThatThrownBy(() -> FormTable.parse("f3 90 ; pause ;\n"))
                .hasMessageContaining("register form");
        assertThatThrownBy(() -> FormTable.parse("0f 58 /r ; addps !V,W ; cpu=SSE\n"))
                .hasMessageContaining("only general registers");
        assertThatThrownBy(() -> FormTable.parse("50+r /r ; push rq ;\n"))
                .hasMessageContaining("+r form with ModRM");
        assertThatThrownBy(() -> FormTable.parse("0f 58 /r ; addps V,W ; cpu=SSE9\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
