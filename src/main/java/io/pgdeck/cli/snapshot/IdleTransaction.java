package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.Backend;

/** A session idle in transaction: how long idle, how old its transaction, and its last query. */
public record IdleTransaction(
        int pid,
        String user,
        String application,
        String database,
        String client,
        double idleSeconds,
        double transactionAgeSeconds,
        String lastQuery) {

    static IdleTransaction of(Backend b) {
        return new IdleTransaction(b.pid(), b.user(), b.application(), b.database(), b.clientAddress(),
                Figures.seconds(b.stateAge()), Figures.seconds(b.transactionAge()), b.query());
    }
}
