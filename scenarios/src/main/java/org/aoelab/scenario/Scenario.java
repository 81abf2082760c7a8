package org.aoelab.scenario;

import java.util.List;

/**
 * A scenario as read from its file: the network, its targets and initiators, what happens
 * when, and what must hold. Plain values; {@link ScenarioRunner} builds the simulation from it.
 * Every field and its default is declared in {@link ScenarioSchema}, which docs/scenarios.md
 * is generated from.
 */
public record Scenario(String name, String description, long seed, long duration, int mtu, Impairment links,
                       List<Target> targets, List<Initiator> initiators, List<Event> timeline, Properties properties,
                       String file) {

    /** Impairments of a link, applied in both directions. Zero values mean "none". */
    public record Impairment(double loss, double geP, double geR, double geOneMinusH, double geOneMinusK,
                             long delay, long jitter, String jitterDistribution, double correlation,
                             double duplicate, double reorder, int reorderGap, double corrupt,
                             long rate, int queue) {
        public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0, 0, 0, "normal", 0, 0, 0, 0, 0, 0, 0);

        public boolean gilbertElliott() {
            return geP > 0;
        }
    }

    /** A virtual target: where it sits, what it serves, how it behaves. */
    public record Target(String name, int shelf, int slot, String disk, String profile, int bufcnt, boolean enforceBufcnt,
                         int mtu, String configString, Impairment link, Faults faults) {
    }

    /** Disk faults from the start: latency added per I/O, sectors that fail. */
    public record Faults(long latency, String latencyDistribution, long mediaErrorFrom, long mediaErrorCount) {
        public static final Faults NONE = new Faults(0, "constant", -1, 0);
    }

    /** A virtual initiator and what it does, step by step. */
    public record Initiator(String name, int mtu, Impairment link, long start, List<Step> workload) {
    }

    /** One workload step of an initiator; steps run one after another. */
    public sealed interface Step permits Discover, Pause, Write, Read, Lock, Config {
    }

    /** Wait for discovery to find every target named (all targets when empty). */
    public record Discover(List<String> targets) implements Step {
    }

    public record Pause(long duration) implements Step {
    }

    /** Write {@code size} bytes at {@code offset}, a pattern derived from the seed and the initiator. */
    public record Write(String target, long offset, long size, long chunk) implements Step {
    }

    /** Read back; with {@code verify}, compare with what this initiator wrote there. */
    public record Read(String target, long offset, long size, long chunk, boolean verify) implements Step {
    }

    /** A lock loop: {@code cycles} acquisitions with the named protocol. */
    public record Lock(String target, String protocol, String release, long think, long hold, long retry, int cycles,
                       long lease, long testTimeout) implements Step {
    }

    /** One Query Config command, as aoecfg sends it. */
    public record Config(String target, String command, String string) implements Step {
    }

    /** Something that happens at {@code at}: see the kinds in {@link ScenarioSchema}. */
    public sealed interface Event permits Impair, Partition, Heal, LinkDown, LinkUp, Vanish, Return, MediaErrors {
        long at();
    }

    public record Impair(long at, String node, Impairment impairment) implements Event {
    }

    public record Partition(long at, List<List<String>> groups) implements Event {
    }

    public record Heal(long at) implements Event {
    }

    public record LinkDown(long at, String node) implements Event {
    }

    public record LinkUp(long at, String node) implements Event {
    }

    public record Vanish(long at, String target) implements Event {
    }

    public record Return(long at, String target) implements Event {
    }

    public record MediaErrors(long at, String target, long from, long count) implements Event {
    }

    /** The properties to check, and their bounds. */
    public record Properties(boolean mutualExclusion, boolean noOrphan, boolean progress, boolean dataIntegrity,
                             long orphanBound, long progressBound) {
    }

    public Target target(String name) {
        for (Target t : targets) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
