package io.pgdeck.explain;

/** Block counts of a node (BUFFERS), each including its children's, as EXPLAIN reports them. */
public record Buffers(long sharedHit, long sharedRead, long sharedDirtied, long sharedWritten,
                      long localHit, long localRead, long tempRead, long tempWritten) {

    public static final Buffers NONE = new Buffers(0, 0, 0, 0, 0, 0, 0, 0);

    public boolean any() {
        return !equals(NONE);
    }

    public long temp() {
        return tempRead + tempWritten;
    }
}
