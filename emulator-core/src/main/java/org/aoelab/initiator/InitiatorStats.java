package org.aoelab.initiator;

/** Counters of one initiator; read them at any time from the simulation thread. */
public final class InitiatorStats {
    long framesSent;
    long retransmissions;
    long answers;
    long unexpectedAnswers;
    long errorAnswers;
    long undecodable;
    long requestsDone;
    long requestsFailed;
    long bytesRead;
    long bytesWritten;

    public long framesSent() { return framesSent; }
    public long retransmissions() { return retransmissions; }
    public long answers() { return answers; }
    /** Answers whose tag matched nothing outstanding: duplicates and answers to superseded tags. */
    public long unexpectedAnswers() { return unexpectedAnswers; }
    public long errorAnswers() { return errorAnswers; }
    public long undecodable() { return undecodable; }
    public long requestsDone() { return requestsDone; }
    public long requestsFailed() { return requestsFailed; }
    public long bytesRead() { return bytesRead; }
    public long bytesWritten() { return bytesWritten; }

    @Override
    public String toString() {
        return "sent " + framesSent + ", retransmitted " + retransmissions + ", answers " + answers
                + ", unexpected " + unexpectedAnswers + ", errors " + errorAnswers + ", undecodable " + undecodable
                + ", requests " + requestsDone + " done / " + requestsFailed + " failed, read " + bytesRead
                + " B, written " + bytesWritten + " B";
    }
}
