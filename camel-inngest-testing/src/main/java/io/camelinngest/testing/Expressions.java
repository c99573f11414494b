package io.camelinngest.testing;

import java.util.Map;

/**
 * The small part of Inngest's CEL expressions the fake understands: comparisons {@code a == b} and {@code a != b},
 * joined by {@code &&}, where each side is a path ({@code event.data.order}, {@code async.data.order}) or a literal (a
 * quoted string, a number, true, false). Anything else is refused loudly rather than guessed.
 */
final class Expressions {

    private Expressions() {
    }

    /** Whether the expression holds for these variables ({@code event}, {@code async}). */
    static boolean matches(String expression, Map<String, Object> variables) {
        if (expression == null || expression.isBlank()) {
            return true;
        }
        for (String clause : expression.split("&&")) {
            String c = clause.trim();
            boolean negated = c.contains("!=");
            String[] sides = c.split(negated ? "!=" : "==");
            if (sides.length != 2) {
                throw new IllegalArgumentException(
                        "the fake Inngest understands only a == b and a != b joined by &&, "
                                                   + "not: " + expression);
            }
            boolean equal = String.valueOf(value(sides[0].trim(), variables))
                    .equals(String.valueOf(value(sides[1].trim(), variables)));
            if (equal == negated) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Object value(String side, Map<String, Object> variables) {
        if (side.length() >= 2
                && (side.startsWith("'") && side.endsWith("'") || side.startsWith("\"") && side.endsWith("\""))) {
            return side.substring(1, side.length() - 1);
        }
        if (side.matches("-?\\d+(\\.\\d+)?|true|false")) {
            return side;
        }
        Object current = variables;
        for (String key : side.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? Long.toString(n.longValue()) : current;
    }
}
