package org.aoelab.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test vectors: commented hex in {@code src/test/resources/vectors/<command>/<name>.hex}.
 *
 * <p>Format: hex pairs separated by blanks; {@code #} starts a comment to the end of the line;
 * {@code hh*N} stands for N copies of byte hh (for sector data). A sibling {@code <name>.expected}
 * holds the decoded value's {@code toString()}. Files under {@code vectors/malformed/} are named
 * for the {@link MalformedFrameException.Reason} they raise, in kebab case.
 */
public final class VectorFile {
    private VectorFile() {
    }

    public static Path root() {
        try {
            return Path.of(VectorFile.class.getResource("/vectors").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code .hex} file under {@code vectors/<dir>}, sorted, as paths relative to the root. */
    public static List<String> list(String dir, boolean excludeMalformed) {
        Path root = root();
        try (Stream<Path> s = Files.walk(root.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".hex"))
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !excludeMalformed || !p.startsWith("malformed"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Bytes read(String relative) {
        try {
            return parse(Files.readString(root().resolve(relative)), relative);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Bytes parse(String text, String where) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String[] lines = text.split("\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            for (String tok : line.trim().split("\\s+")) {
                if (tok.isEmpty()) continue;
                int star = tok.indexOf('*');
                String hex = star < 0 ? tok : tok.substring(0, star);
                int times = star < 0 ? 1 : Integer.parseInt(tok.substring(star + 1));
                if (hex.length() != 2) throw new IllegalArgumentException(where + " line " + (ln + 1) + ": bad token '" + tok + "'");
                int v = Integer.parseInt(hex, 16);
                for (int i = 0; i < times; i++) out.write(v);
            }
        }
        return Bytes.adopt(out.toByteArray());
    }

    /** The frame as a sender on real Ethernet puts it on the wire: zero-padded to 60 bytes. */
    public static Bytes pad60(Bytes b) {
        return b.length() >= 60 ? b : b.concat(Bytes.zeros(60 - b.length()));
    }
}
