package io.pgdeck.catalog;

import java.time.Duration;

/**
 * A client or server connection of SHOW CLIENTS / SHOW SERVERS.
 *
 * @param type C for a client, S for a server
 * @param state active, waiting, idle, used, tested, login...
 * @param waited how long a waiting client has waited (0 otherwise)
 * @param preparedStatements prepared statements it holds, or null before 1.21
 */
public record BouncerSocket(String type, String user, String database, String state, String address, Integer port,
                            String connectTime, String requestTime, Duration waited, String applicationName,
                            Integer preparedStatements) {}
