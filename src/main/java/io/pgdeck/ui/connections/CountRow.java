package io.pgdeck.ui.connections;

/** A group of connections (a state, an application, a user or a client) and how many. */
public record CountRow(String group, int count) {}
