package org.aoelab.gui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aoelab.wire.MacAddress;

/**
 * A display filter in the style of Wireshark's, over the field names of {@link FrameFields}:
 * {@code aoe.cmd == 1 && aoe.error == 4}, {@code aoe.major == 1 and not aoe.response},
 * {@code lab.fate == lost || lab.retransmission}, {@code aoe.cfg.string contains "lock"}.
 *
 * <p>Grammar: {@code or := and (("||" | "or") and)*}, {@code and := not (("&&" | "and") not)*},
 * {@code not := ("!" | "not") not | "(" or ")" | comparison}, {@code comparison := field
 * [op value]} with the operators {@code == != < <= > >=} (or {@code eq ne lt le gt ge}) and
 * {@code contains}. A field alone is true when the frame has it and, for flags, when it is set.
 * Values are decimal or {@code 0x} hexadecimal numbers, MAC addresses, quoted strings, or bare
 * words (compared as text). Comparing a field the frame lacks is false, as in Wireshark.
 */
public final class FrameFilter {
    private final String text;
    private final Node root;

    private FrameFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text}; a blank text matches everything.
     *
     * @throws IllegalArgumentException naming the column and what was expected there
     */
    public static FrameFilter parse(String text) {
        if (text == null || text.isBlank()) return new FrameFilter("", f -> true);
        Parser p = new Parser(text);
        Node n = p.or();
        if (p.peek() != null) throw p.error("expected && or || or the end of the filter");
        return new FrameFilter(text.trim(), n);
    }

    public boolean matches(FrameFields.Frame f) {
        return root.test(f);
    }

    /** The filter text as parsed ({@code ""} for "everything"). */
    public String text() {
        return text;
    }

    public boolean matchesAll() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    /** A number in decimal or 0x hexadecimal, or null. */
    static Long number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseLong(s.substring(2), 16);
            if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' && s.length() > 1)) return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private interface Node {
        boolean test(FrameFields.Frame f);
    }

    private enum Op { EQ, NE, LT, LE, GT, GE, CONTAINS }

    private record Comparison(String field, Op op, Object literal) implements Node {
        @Override
        public boolean test(FrameFields.Frame f) {
            Object v = FrameFields.value(field, f);
            if (v == null) return false;
            if (op == null) {
                return !(v instanceof Long l) || l != 0 || !isFlag(field);
            }
            if (op == Op.CONTAINS) {
                return String.valueOf(v).toLowerCase(Locale.ROOT).contains(String.valueOf(literal).toLowerCase(Locale.ROOT));
            }
            int c;
            if (v instanceof Long l && literal instanceof Long r) {
                c = Long.compare(l, r);
            } else if (v instanceof Double d && literal instanceof Long r) {
                c = Double.compare(d, r);
            } else if (v instanceof Double d && literal instanceof Double r) {
                c = Double.compare(d, r);
            } else if (v instanceof Long l && literal instanceof Double r) {
                c = Double.compare(l, r);
            } else if (v instanceof MacAddress m && literal instanceof MacAddress r) {
                c = m.compareTo(r);
            } else {
                c = String.valueOf(v).compareToIgnoreCase(String.valueOf(literal));
            }
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case CONTAINS -> throw new AssertionError();
            };
        }

        private static boolean isFlag(String field) {
            return field.equals("aoe.response") || field.equals("aoe.flags_error") || field.startsWith("aoe.aflags.")
                    || field.equals("lab.retransmission") || field.equals("lab.duplicated") || field.equals("lab.corrupted");
        }
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Node or() {
            Node left = and();
            while (true) {
                if (eat("||") || eatWord("or")) {
                    Node l = left;
                    Node r = and();
                    left = f -> l.test(f) || r.test(f);
                } else {
                    return left;
                }
            }
        }

        Node and() {
            Node left = not();
            while (true) {
                if (eat("&&") || eatWord("and")) {
                    Node l = left;
                    Node r = not();
                    left = f -> l.test(f) && r.test(f);
                } else {
                    return left;
                }
            }
        }

        Node not() {
            skip();
            if (at < s.length() && s.charAt(at) == '!' && !s.startsWith("!=", at)) {
                at++;
                Node n = not();
                return f -> !n.test(f);
            }
            if (eatWord("not")) {
                Node n = not();
                return f -> !n.test(f);
            }
            if (eat("(")) {
                Node n = or();
                if (!eat(")")) throw error("expected ) to close the ( at column " + (at + 1));
                return n;
            }
            return comparison();
        }

        Node comparison() {
            skip();
            int start = at;
            while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '.' || s.charAt(at) == '_')) at++;
            String field = s.substring(start, at);
            if (field.isEmpty()) {
                at = start;
                throw error("expected a field name such as aoe.cmd");
            }
            if (!Character.isLetter(field.charAt(0)) || !FrameFields.known(field)) {
                at = start;
                throw error("unknown field '" + field + "'; fields are aoe.* (aoe.cmd, aoe.error, aoe.tag...), eth.*, frame.* and lab.*");
            }
            Op op = op();
            if (op == null) return new Comparison(field, null, null);
            return new Comparison(field, op, value());
        }

        Op op() {
            skip();
            if (eat("==") || eatWord("eq")) return Op.EQ;
            if (eat("!=") || eatWord("ne")) return Op.NE;
            if (eat("<=") || eatWord("le")) return Op.LE;
            if (eat(">=") || eatWord("ge")) return Op.GE;
            if (eat("<") || eatWord("lt")) return Op.LT;
            if (eat(">") || eatWord("gt")) return Op.GT;
            if (eatWord("contains")) return Op.CONTAINS;
            if (s.startsWith("=", at)) throw error("expected == (one = is not an operator)");
            return null;
        }

        Object value() {
            skip();
            if (at >= s.length()) throw error("expected a value after the operator");
            char c = s.charAt(at);
            if (c == '"') {
                int end = s.indexOf('"', at + 1);
                if (end < 0) throw error("expected a closing \" for the string");
                String v = s.substring(at + 1, end);
                at = end + 1;
                return v;
            }
            int start = at;
            while (at < s.length() && !Character.isWhitespace(s.charAt(at)) && "()&|!=<>".indexOf(s.charAt(at)) < 0) at++;
            String w = s.substring(start, at);
            if (w.isEmpty()) {
                at = start;
                throw error("expected a value after the operator");
            }
            Long n = number(w);
            if (n != null) return n;
            if (w.matches("[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}")) return MacAddress.parse(w.replace('-', ':'));
            if (w.matches("-?[0-9]*\\.[0-9]+")) return Double.parseDouble(w);
            if (Character.isDigit(w.charAt(0))) {
                at = start;
                throw error("'" + w + "' is not a number (decimal, or hexadecimal with 0x)");
            }
            return w;
        }

        String peek() {
            skip();
            return at < s.length() ? s.substring(at) : null;
        }

        boolean eat(String tok) {
            skip();
            if (s.startsWith(tok, at)) {
                at += tok.length();
                return true;
            }
            return false;
        }

        boolean eatWord(String w) {
            skip();
            if (s.regionMatches(true, at, w, 0, w.length())) {
                int end = at + w.length();
                if (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '.' && s.charAt(end) != '_') {
                    at = end;
                    return true;
                }
            }
            return false;
        }

        void skip() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
        }

        IllegalArgumentException error(String what) {
            String found = at < s.length() ? "'" + s.substring(at, Math.min(s.length(), at + 12)) + "'" : "the end";
            return new IllegalArgumentException("filter, column " + (at + 1) + ": " + what + "; found " + found);
        }
    }

    /** Every direct field name, for completion and help. */
    public static List<String> fieldNames() {
        return new ArrayList<>(FrameFields.DIRECT.keySet());
    }
}
