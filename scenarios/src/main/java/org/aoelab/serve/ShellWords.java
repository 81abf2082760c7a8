package org.aoelab.serve;

import java.util.ArrayList;
import java.util.List;

/** Joins words into a POSIX shell command line and splits one back (quotes and backslashes only). */
public final class ShellWords {
    private ShellWords() {
    }

    /** {@code serve --target '1.0=file:/tmp/my disk.img'}: each word quoted when it needs it. */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String w) {
        if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) return w;
        return "'" + w.replace("'", "'\\''") + "'";
    }

    /**
     * Splits a command line into words: single quotes keep everything, double quotes keep all
     * but backslash escapes, a backslash outside quotes escapes the next character.
     *
     * @throws IllegalArgumentException for an unterminated quote
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated ' in: " + line);
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length()) d = line.charAt(++j);
                    w.append(d);
                }
                if (j >= line.length()) throw new IllegalArgumentException("unterminated \" in: " + line);
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }
}
