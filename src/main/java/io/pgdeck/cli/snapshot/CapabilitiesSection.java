package io.pgdeck.cli.snapshot;

import io.pgdeck.connect.Capabilities;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the role can see, and one sentence per missing feature on how to enable it. */
public record CapabilitiesSection(
        boolean superuser,
        boolean monitorRole,
        boolean seesAllActivity,
        boolean statementsUsable,
        Map<String, String> extensions,
        List<String> hints) {

    static CapabilitiesSection of(Capabilities c) {
        return new CapabilitiesSection(c.superuser(), c.monitorRole(), c.seesAllActivity(), c.statementsUsable(),
                new TreeMap<>(c.installedExtensions()),
                Arrays.stream(Capabilities.Feature.values()).map(c::hint).flatMap(Optional::stream).toList());
    }
}
