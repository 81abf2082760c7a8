package org.aoelab.serve;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.aoelab.net.DelayDistribution;
import org.aoelab.net.Impairments;
import org.aoelab.scenario.Units;

/**
 * The value of {@code --impair}: comma-separated {@code key=value} pairs, netem's vocabulary.
 *
 * <pre>
 * loss=1%            random loss
 * delay=2ms          constant delay
 * jitter=200us       jitter around the delay (uniform unless distribution= says otherwise)
 * distribution=normal  uniform, normal, pareto or paretonormal
 * correlation=25%    correlation of successive jitter values
 * duplicate=0.5%     duplication
 * reorder=5%         reordering (needs a delay); gap=N: every Nth frame at most
 * corrupt=0.1%       one bit flipped
 * rate=100Mbit       bandwidth; queue=N frames waiting at most (default 1000)
 * </pre>
 *
 * @param settings the pairs as given, in order, keys in lower case
 */
public record ImpairmentOption(Map<String, String> settings) {
    /** Every key, for messages. */
    public static final String KEYS = "loss, delay, jitter, distribution, correlation, duplicate, reorder, gap, corrupt, rate, queue";
    /** No impairment at all. */
    public static final ImpairmentOption NONE = new ImpairmentOption(Map.of());

    public ImpairmentOption {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Parses and checks a value such as {@code delay=2ms,loss=1%}.
     *
     * @throws IllegalArgumentException naming the pair, what was wrong and what is allowed
     */
    public static ImpairmentOption parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("impairment is empty, expected key=value pairs of " + KEYS);
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("impairment '" + text + "': '" + pair + "' is not key=value (such as delay=2ms); keys: " + KEYS);
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).trim();
            if (m.put(key, value) != null) throw new IllegalArgumentException("impairment '" + text + "': " + key + " given twice");
        }
        ImpairmentOption o = new ImpairmentOption(m);
        try {
            o.applyTo(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("impairment '" + text + "': " + e.getMessage(), e);
        }
        return o;
    }

    /** Sets {@code imp} (null: only checks) to these settings, everything else cleared. */
    public void applyTo(Impairments imp) {
        double loss = 0;
        long delay = 0;
        long jitter = 0;
        double correlation = 0;
        DelayDistribution dist = DelayDistribution.UNIFORM;
        double duplicate = 0;
        double reorder = 0;
        int gap = 1;
        double corrupt = 0;
        long rate = 0;
        int queue = Impairments.DEFAULT_QUEUE_FRAMES;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "loss" -> loss = Units.probability(v);
                case "delay" -> delay = Units.duration(v);
                case "jitter" -> jitter = Units.duration(v);
                case "distribution" -> dist = distribution(v);
                case "correlation" -> correlation = Units.probability(v);
                case "duplicate" -> duplicate = Units.probability(v);
                case "reorder" -> reorder = Units.probability(v);
                case "gap" -> gap = integer("gap", v, 1, 1_000_000);
                case "corrupt" -> corrupt = Units.probability(v);
                case "rate" -> rate = Units.bitRate(v);
                case "queue" -> queue = integer("queue", v, 1, 10_000_000);
                default -> throw new IllegalArgumentException("unknown key '" + e.getKey() + "', expected one of " + KEYS);
            }
        }
        if (rate < 0 || rate > Impairments.MAX_RATE) throw new IllegalArgumentException("rate " + rate + " bit/s is out of range");
        Impairments target = imp;
        if (target == null) {
            return;
        }
        target.clear();
        if (loss > 0) target.loss(loss);
        if (delay > 0 || jitter > 0) target.delay(delay, jitter, correlation, dist);
        if (duplicate > 0) target.duplicate(duplicate);
        if (reorder > 0) target.reorder(reorder, gap);
        if (corrupt > 0) target.corrupt(corrupt);
        if (rate > 0) {
            target.rate(rate);
            target.queueLimitFrames(queue);
        }
    }

    private static int integer(String key, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " '" + v + "' is not a whole number from " + min + " to " + max);
    }

    private static DelayDistribution distribution(String v) {
        for (DelayDistribution d : DelayDistribution.values()) {
            if (d.netemName().equalsIgnoreCase(v)) return d;
        }
        StringBuilder names = new StringBuilder();
        for (DelayDistribution d : DelayDistribution.values()) names.append(names.length() == 0 ? "" : ", ").append(d.netemName());
        throw new IllegalArgumentException("distribution '" + v + "' is unknown, expected one of " + names);
    }

    /** The text {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
