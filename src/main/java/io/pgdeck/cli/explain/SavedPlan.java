package io.pgdeck.cli.explain;

import io.pgdeck.explain.Plan;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanFormatException;
import io.pgdeck.explain.PlanParser;
import io.pgdeck.explain.PsqlOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code pgdeck explain --plan FILE}: a plan someone saved or pasted, analysed without a server. */
final class SavedPlan {

    private SavedPlan() {}

    /** @param file a path, or "-" for {@code stdin} */
    static ExplainReport read(String file, InputStream stdin) {
        boolean piped = file.equals("-");
        String text;
        try {
            text = piped ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("There is no file " + file + ": give the path of a saved EXPLAIN (FORMAT JSON) plan.");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + (piped ? "standard input" : file) + " as UTF-8 text ("
                    + e.getClass().getSimpleName() + "): give a saved EXPLAIN (FORMAT JSON) plan.");
        }
        // the report carries the plan's JSON, not psql's frame around it
        String json = PsqlOutput.json(text);
        Plan plan;
        try {
            plan = PlanParser.parse(json);
        } catch (PlanFormatException unwrapped) {
            try {
                plan = PlanParser.parse(text); // says what is wrong with the text as given
            } catch (PlanFormatException e) {
                throw new IllegalArgumentException((piped ? "Standard input" : file) + ": " + e.getMessage());
            }
        }
        String options = "saved plan" + (plan.analyzed() ? ", ANALYZE" : "");
        return ExplainReport.of(piped ? "a plan from standard input" : "the plan in " + file, null, options,
                PlanAnalysis.of(plan));
    }
}
