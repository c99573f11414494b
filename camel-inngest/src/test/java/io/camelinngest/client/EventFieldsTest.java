package io.camelinngest.client;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reserved-name check says what {@code toLowerCase(Locale.ROOT).startsWith("inngest/")} says. */
class EventFieldsTest {

    @Test
    void aNameIsReservedExactlyWhenItsLowerCaseStartsWithInngestSlash() {
        String prefix = "inngest/";
        int checked = 0;
        for (int position = 0; position < prefix.length(); position++) {
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                for (String rest : new String[] { "", "x", "Ab" }) {
                    String name = prefix.substring(0, position) + c + prefix.substring(position + 1) + rest;
                    assertThat(EventFields.isReserved(name))
                            .as("name %s (U+%04X at %d)", name, (int) c, position)
                            .isEqualTo(name.toLowerCase(Locale.ROOT).startsWith(prefix));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(8 * 65535 * 3);
        assertThat(EventFields.isReserved("INNGEST/FOO")).isTrue();
        assertThat(EventFields.isReserved("inngest")).isFalse();
        assertThat(EventFields.isReserved("\u0130nngest/x")).isFalse();
    }
}
