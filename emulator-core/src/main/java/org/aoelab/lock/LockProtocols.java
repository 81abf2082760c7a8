package org.aoelab.lock;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.aoelab.initiator.CommandResult;
import org.aoelab.wire.Bytes;
import org.aoelab.wire.ConfigCommand;
import org.aoelab.wire.ReserveArg;

/**
 * The lock protocols people really run over AoE (DESIGN.md, "Config-string locking"), each
 * an acquire strategy paired with a release strategy.
 *
 * <table>
 * <caption>Protocols</caption>
 * <tr><th>name</th><th>acquire</th><th>hazard</th></tr>
 * <tr><td>{@code naive}</td><td>read; if empty, force-set</td><td>two readers both see empty and both win</td></tr>
 * <tr><td>{@code set-if-empty}</td><td>set; success means held, error 4 means taken</td>
 *     <td>a lost reply, retransmitted, meets its own string: error 4 on a strict target, and the lock is orphaned</td></tr>
 * <tr><td>{@code set-if-empty-verified}</td><td>set; after error 4 or silence, read and compare with its own string</td>
 *     <td>none known from loss alone</td></tr>
 * <tr><td>{@code reserve}</td><td>Reserve/Release set with its own MAC</td><td>none: the target enforces it</td></tr>
 * <tr><td>{@code lease}</td><td>as verified, with an expiry in the string that others may break</td>
 *     <td>a holder that outlives its lease</td></tr>
 * </table>
 *
 * <p>Release is {@link Release#FORCE} (force-set empty: a delayed or duplicated release can
 * clear the next holder's lock) or {@link Release#GUARDED} (test for its own string first).
 */
public final class LockProtocols {

    /** How a holder gives the lock up. */
    public enum Release {
        /** Force-set the empty string. */
        FORCE,
        /** Test for the holder's own string first; only then force-set empty. */
        GUARDED;

        public static Release parse(String s) {
            for (Release r : values()) {
                if (r.name().equalsIgnoreCase(s)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown release '" + s + "': expected force or guarded");
        }
    }

    /** Names accepted by {@link #of}. */
    public static final List<String> NAMES = List.of("naive", "set-if-empty", "set-if-empty-verified", "reserve",
            "lease");

    private LockProtocols() {
    }

    /** The protocol called {@code name} with the given release; {@code reserve} ignores {@code release}. */
    public static LockProtocol of(String name, Release release, long leaseNanos) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "naive" -> new Naive(release);
            case "set-if-empty" -> new SetIfEmpty(release, false);
            case "set-if-empty-verified" -> new SetIfEmpty(release, true);
            case "reserve" -> new Reserve();
            case "lease" -> new Lease(leaseNanos);
            default -> throw new IllegalArgumentException("unknown lock protocol '" + name + "': expected one of "
                    + String.join(", ", NAMES));
        };
    }

    static boolean success(CommandResult r) {
        return r instanceof CommandResult.Answered a && !a.isError();
    }

    /** Attempts a command gets when the target stays silent, before the caller gives up. */
    static final int PATIENCE = 10;

    static void releaseBy(Release release, LockClient c, Bytes own, Runnable done) {
        c.released();
        if (release == Release.FORCE) {
            clear(c, PATIENCE, done);
            return;
        }
        c.test(ConfigCommand.TEST, own, r -> {
            if (success(r)) {
                clear(c, PATIENCE, done);
            } else {
                done.run(); // silence: the string is not ours any more
            }
        });
    }

    /** Force-sets the empty string, again while nothing answers. */
    private static void clear(LockClient c, int tries, Runnable done) {
        c.config(ConfigCommand.FORCE_SET, Bytes.EMPTY, r -> {
            if (r instanceof CommandResult.TimedOut && tries > 1) {
                clear(c, tries - 1, done);
            } else {
                done.run();
            }
        });
    }

    /** Reads the string, again while nothing answers; {@code done} gets it, or null after all tries. */
    static void readString(LockClient c, int tries, Consumer<Bytes> done) {
        c.config(ConfigCommand.READ, Bytes.EMPTY, r -> {
            if (r instanceof CommandResult.Answered a && !a.isError()) {
                done.accept(a.configString());
            } else if (tries > 1) {
                readString(c, tries - 1, done);
            } else {
                done.accept(null);
            }
        });
    }

    /** Read; if empty, force-set. */
    static final class Naive implements LockProtocol {
        private final Release release;

        Naive(Release release) {
            this.release = release;
        }

        @Override
        public String name() {
            return "naive";
        }

        @Override
        public void acquire(LockClient c, Consumer<Boolean> done) {
            c.attempting();
            c.config(ConfigCommand.READ, Bytes.EMPTY, r -> {
                if (!(r instanceof CommandResult.Answered a) || a.isError()) {
                    c.conflict("no answer to read");
                    done.accept(false);
                } else if (!a.configString().isEmpty()) {
                    c.conflict("taken: '" + a.configString().toUtf8() + "'");
                    done.accept(false);
                } else {
                    c.config(ConfigCommand.FORCE_SET, c.ownString(), r2 -> {
                        if (success(r2)) {
                            c.holds();
                            done.accept(true);
                        } else {
                            c.conflict("force-set failed");
                            done.accept(false);
                        }
                    });
                }
            });
        }

        @Override
        public void release(LockClient c, Runnable done) {
            releaseBy(release, c, c.ownString(), done);
        }
    }

    /** One atomic set; optionally verified by a read after an error or silence. */
    static final class SetIfEmpty implements LockProtocol {
        private final Release release;
        private final boolean verify;

        SetIfEmpty(Release release, boolean verify) {
            this.release = release;
            this.verify = verify;
        }

        @Override
        public String name() {
            return verify ? "set-if-empty-verified" : "set-if-empty";
        }

        @Override
        public void acquire(LockClient c, Consumer<Boolean> done) {
            c.attempting();
            c.config(ConfigCommand.SET, c.ownString(), r -> {
                if (success(r)) {
                    c.holds();
                    done.accept(true);
                } else if (!verify) {
                    c.conflict(r instanceof CommandResult.Answered a ? "error " + a.errorCode() : "no answer");
                    done.accept(false);
                } else {
                    readString(c, PATIENCE, current -> {
                        if (c.ownString().equals(current)) {
                            c.holds(); // our set went through; its reply was lost or refused as identical
                            done.accept(true);
                        } else {
                            c.conflict(current == null ? "no answer to the verifying read" : "taken");
                            done.accept(false);
                        }
                    });
                }
            });
        }

        @Override
        public void release(LockClient c, Runnable done) {
            releaseBy(release, c, c.ownString(), done);
        }
    }

    /** AoE command 3: the target keeps the holder and refuses others' I/O. */
    static final class Reserve implements LockProtocol {
        @Override
        public String name() {
            return "reserve";
        }

        @Override
        public void acquire(LockClient c, Consumer<Boolean> done) {
            c.attempting();
            c.reserve(ReserveArg.set(c.ownMacList()), r -> {
                if (success(r)) {
                    c.holds();
                    done.accept(true);
                } else {
                    c.conflict(r instanceof CommandResult.Answered a ? "error " + a.errorCode() : "no answer");
                    done.accept(false);
                }
            });
        }

        @Override
        public void release(LockClient c, Runnable done) {
            c.released();
            c.reserve(ReserveArg.set(List.of()), r -> done.run());
        }
    }

    /**
     * The string names the holder and an expiry in simulated time ({@code lock NAME until T});
     * a lease found expired may be broken by force-set, then verified by a read.
     */
    static final class Lease implements LockProtocol {
        private final long leaseNanos;

        Lease(long leaseNanos) {
            if (leaseNanos <= 0) {
                throw new IllegalArgumentException("lease must be > 0 ns, got " + leaseNanos);
            }
            this.leaseNanos = leaseNanos;
        }

        @Override
        public String name() {
            return "lease";
        }

        private Bytes leaseString(LockClient c) {
            return Bytes.ofUtf8("lock " + c.name() + " until " + c.leaseUntil());
        }

        static long expiry(Bytes s) {
            String t = s.toUtf8();
            int at = t.lastIndexOf(" until ");
            if (at < 0) {
                return Long.MAX_VALUE; // not a lease: never breaks
            }
            try {
                return Long.parseLong(t.substring(at + 7).trim());
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public void acquire(LockClient c, Consumer<Boolean> done) {
            c.attempting();
            c.config(ConfigCommand.READ, Bytes.EMPTY, r -> {
                if (!(r instanceof CommandResult.Answered a) || a.isError()) {
                    c.conflict("no answer to read");
                    done.accept(false);
                    return;
                }
                Bytes current = a.configString();
                c.leaseUntil(c.now() + leaseNanos);
                Bytes mine = leaseString(c);
                ConfigCommand how;
                if (current.isEmpty()) {
                    how = ConfigCommand.SET;
                } else if (expiry(current) < c.now()) {
                    how = ConfigCommand.FORCE_SET; // break the expired lease
                } else {
                    c.conflict("leased: '" + current.toUtf8() + "'");
                    done.accept(false);
                    return;
                }
                c.config(how, mine, r2 -> readString(c, PATIENCE, now -> {
                    if (mine.equals(now)) {
                        c.holds();
                        done.accept(true);
                    } else {
                        c.conflict("lost the lease race");
                        done.accept(false);
                    }
                }));
            });
        }

        @Override
        public void release(LockClient c, Runnable done) {
            releaseBy(Release.GUARDED, c, leaseString(c), done);
        }

        long leaseNanos() {
            return leaseNanos;
        }
    }
}
