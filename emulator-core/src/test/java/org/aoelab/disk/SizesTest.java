package org.aoelab.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
            "1GiB, 1073741824", "512MiB, 536870912", "1T, 1099511627776", "1t, 1099511627776", "4096s, 2097152",
            "1 sectors, 512", "1048576, 1048576", "512, 512", "1.5G, 1610612736", "1K, 1024", "64KiB, 65536",
            "1GB, 1000000000", "2P, 2251799813685248", "128PiB, 144115188075855872", "0, 0", "' 8M ', 8388608"})
    void parsesTheUnitsPeopleWrite(String text, long bytes) {
        assertThat(Sizes.parseBytes(text)).isEqualTo(bytes);
        assertThat(Sizes.parseSectors(text)).isEqualTo(bytes / 512);
    }

    @ParameterizedTest
    @ValueSource(longs = {512, 1024, 1L << 20, 3L << 30, 1L << 40, 3 * 512, 1L << 50, 7L << 50})
    void exactFormReadsBack(long bytes) {
        assertThat(Sizes.parseBytes(Sizes.formatExact(bytes))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"1073741824, 1GiB", "1536, 3s", "1024, 1KiB", "3298534883328, 3TiB", "0, 0"})
    void exactFormIsShort(long bytes, String text) {
        assertThat(Sizes.formatExact(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "512, 512 B", "1024, 1 KiB", "1610612736, 1.5 GiB", "1099511627776, 1 TiB",
            "12345678, 11.8 MiB", "144115188075855872, 128 PiB"})
    void humanFormRoundsToOneDecimal(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1000|size '1000' is 1000 bytes, not a whole number of 512-byte sectors (nearest: 512 or 1024 bytes)",
            "1MB|size '1MB' is 1000000 bytes, not a whole number of 512-byte sectors (nearest: 999936 or 1000448 bytes)",
            "1X|size '1X' has an unknown unit 'X' (expected a number of bytes (a multiple of 512), or a number with a unit:"
                    + " K, M, G, T, P or KiB ... PiB (binary), KB ... PB (decimal), s (512-byte sectors); such as 1GiB, 512MiB, 1T, 4096s)",
            "-1G|size '-1G' is not a size (expected a number of bytes (a multiple of 512), or a number with a unit:"
                    + " K, M, G, T, P or KiB ... PiB (binary), KB ... PB (decimal), s (512-byte sectors); such as 1GiB, 512MiB, 1T, 4096s)",
            "0.5s|size '0.5s' is 256 bytes, not a whole number of 512-byte sectors (nearest: 0 or 512 bytes)",
            "0.001K|size '0.001K' is not a whole number of bytes (1.024)",
            "0.3|size '0.3' is not a whole number of bytes (0.3)",
            "9000P|size '9000P' is too large (at most 8 EiB)"})
    void errorsSayWhatIsWrongAndWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> Sizes.parseBytes(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void emptyIsRefused() {
        assertThatThrownBy(() -> Sizes.parseBytes(" ")).hasMessageStartingWith("size is empty (expected a number of bytes");
        assertThatThrownBy(() -> Sizes.format(-1)).hasMessage("bytes is -1, expected 0 or more");
    }
}
