package io.pgdeck.queue;

import org.jooq.Condition;

/**
 * One of a library's changes of jobs (retry, cancel), as {@link JobActions} turns it into an
 * action on selected jobs or on every job a filter matches.
 *
 * @param verb what the title says is done: "Retry", "Cancel", "Discard"
 * @param eligible the jobs the change applies to whatever is selected: a running job never is
 * @param statement how the library changes them
 * @param risk what happens to them and what is left alone, for the confirmation
 * @param outcome what the rows the statements returned mean for the user
 */
public record JobChange(String verb, Condition eligible, JobStatement statement, String risk, Outcome outcome) {}
